package io.github.flinkkinesis.glue.catalog.testutil;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueServiceClientConfiguration;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseResponse;
import software.amazon.awssdk.services.glue.model.CreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.CreateUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.CreateUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseRequest;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseResponse;
import software.amazon.awssdk.services.glue.model.DeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.DeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.DeleteTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableResponse;
import software.amazon.awssdk.services.glue.model.DeleteUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.DeleteUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InternalServiceException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseResponse;
import software.amazon.awssdk.services.glue.model.UpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.UpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;
import software.amazon.awssdk.services.glue.model.UpdateUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.UpdateUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/**
 * An in-memory {@link GlueClient} with the documented AWS semantics that moto does not implement:
 * names stored in lowercase, MaxResults/NextToken paging (a small default page), UpdateTable's
 * VersionId checked (ConcurrentModificationException on a stale version, a new version on every
 * update), user-defined functions, and DeleteDatabase removing the database's tables and functions.
 * Only the calls the catalog uses are implemented. Faults on demand: {@link #deny} makes an action
 * fail with AccessDeniedException, {@link #failCall} makes one chosen call fail, {@link
 * #refuseInBatch} makes BatchCreatePartition refuse chosen entries. Counts calls per action so
 * tests can check paging and batching.
 */
public final class FakeGlueClient implements GlueClient {

    private final int pageSize;
    private final Map<String, Database> databases = new TreeMap<>();
    private final Map<String, Map<String, Table>> tables = new TreeMap<>();
    private final Map<String, Map<String, List<Partition>>> partitions = new TreeMap<>();
    private final Map<String, Map<String, UserDefinedFunction>> functions = new TreeMap<>();
    private final Set<String> denied = new HashSet<>();
    private final Map<String, AtomicInteger> calls = new TreeMap<>();
    private final Set<String> catalogIds = new HashSet<>();
    private UpdateTableRequest lastUpdateTable;
    private final Map<String, Integer> failing = new TreeMap<>();
    private URI endpointOverride;
    private final Map<String, Integer> failingCall = new TreeMap<>();
    private final Set<List<String>> refusedInBatch = new HashSet<>();
    private int failDeleteTableAfterApplying;

    /** An empty Glue whose list calls return at most {@code pageSize} items a page. */
    public FakeGlueClient(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Makes every later call of {@code action} (e.g. "CreateTable") fail with access denied. */
    public void deny(String action) {
        denied.add(action);
    }

    /**
     * Makes every later call of {@code action} fail with HTTP {@code status} and no AWS error code,
     * as local emulators answer APIs they lack (and as a proxy in front of Glue may answer).
     */
    public void failWithoutErrorCode(String action, int status) {
        failing.put(action, status);
    }

    /**
     * Makes the {@code n}-th call of {@code action} from now (1 is the next one) fail with an
     * InternalServiceException, as a Glue outage in the middle of a multi-step change would.
     */
    public synchronized void failCall(String action, int n) {
        failingCall.put(action, calls(action) + n);
    }

    /**
     * Makes the {@code n}-th DeleteTable call from now delete the table and then fail with an
     * InternalServiceException, as a call whose answer is lost after Glue applied it.
     */
    public synchronized void failDeleteTableAfterApplying(int n) {
        failDeleteTableAfterApplying = calls("DeleteTable") + n;
    }

    /**
     * Makes BatchCreatePartition refuse the entry with these partition values (reported in the
     * response's errors, not created), as Glue does for entries it cannot apply.
     */
    public synchronized void refuseInBatch(List<String> values) {
        refusedInBatch.add(values);
    }

    /** Reports {@code endpoint} as the client's endpoint override, as a client of an emulator. */
    public void endpointOverride(URI endpoint) {
        this.endpointOverride = endpoint;
    }

    @Override
    public GlueServiceClientConfiguration serviceClientConfiguration() {
        if (endpointOverride == null) {
            return GlueClient.super.serviceClientConfiguration();
        }
        return GlueServiceClientConfiguration.builder()
                .endpointOverride(endpointOverride)
                .region(Region.US_EAST_1)
                .build();
    }

    /** How many calls of {@code action} (e.g. "GetTables") this client answered or failed. */
    public int calls(String action) {
        AtomicInteger n = calls.get(action);
        return n == null ? 0 : n.get();
    }

    /** The CatalogId values requests carried ("" for none). */
    public synchronized Set<String> catalogIds() {
        return new HashSet<>(catalogIds);
    }

    /** The last UpdateTable request, as the catalog sent it. */
    public synchronized UpdateTableRequest lastUpdateTable() {
        return lastUpdateTable;
    }

    /** The stored table exactly as Glue holds it, for assertions. */
    public synchronized Table storedTable(String db, String name) {
        return tables.getOrDefault(db, Map.of()).get(name);
    }

    @Override
    public String serviceName() {
        return "glue";
    }

    @Override
    public void close() {}

    // ------------------------------------------------------------------ databases

    @Override
    public synchronized CreateDatabaseResponse createDatabase(CreateDatabaseRequest r) {
        call("CreateDatabase");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        String name = lower(r.databaseInput().name());
        if (databases.containsKey(name)) {
            throw error(AlreadyExistsException.builder(), "Database already exists.");
        }
        databases.put(
                name,
                Database.builder()
                        .name(name)
                        .description(r.databaseInput().description())
                        .parameters(r.databaseInput().parameters())
                        .createTime(Instant.now())
                        .build());
        tables.put(name, new TreeMap<>());
        functions.put(name, new TreeMap<>());
        partitions.put(name, new TreeMap<>());
        return CreateDatabaseResponse.builder().build();
    }

    @Override
    public synchronized GetDatabaseResponse getDatabase(GetDatabaseRequest r) {
        call("GetDatabase");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        return GetDatabaseResponse.builder().database(database(r.name())).build();
    }

    @Override
    public synchronized GetDatabasesResponse getDatabases(GetDatabasesRequest r) {
        call("GetDatabases");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Page<Database> page =
                page(new ArrayList<>(databases.values()), r.nextToken(), r.maxResults());
        return GetDatabasesResponse.builder().databaseList(page.items).nextToken(page.next).build();
    }

    @Override
    public synchronized UpdateDatabaseResponse updateDatabase(UpdateDatabaseRequest r) {
        call("UpdateDatabase");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Database old = database(r.name());
        databases.put(
                old.name(),
                old.toBuilder()
                        .description(r.databaseInput().description())
                        .parameters(r.databaseInput().parameters())
                        .build());
        return UpdateDatabaseResponse.builder().build();
    }

    @Override
    public synchronized DeleteDatabaseResponse deleteDatabase(DeleteDatabaseRequest r) {
        call("DeleteDatabase");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        String name = database(r.name()).name();
        databases.remove(name);
        tables.remove(name);
        functions.remove(name);
        partitions.remove(name);
        return DeleteDatabaseResponse.builder().build();
    }

    // ------------------------------------------------------------------ tables

    @Override
    public synchronized CreateTableResponse createTable(CreateTableRequest r) {
        call("CreateTable");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        String db = database(r.databaseName()).name();
        TableInput in = r.tableInput();
        String name = lower(in.name());
        if (tables.get(db).containsKey(name)) {
            throw error(AlreadyExistsException.builder(), "Table already exists.");
        }
        tables.get(db).put(name, toTable(db, in, "1"));
        partitions.get(db).put(name, new ArrayList<>());
        return CreateTableResponse.builder().build();
    }

    @Override
    public synchronized GetTableResponse getTable(GetTableRequest r) {
        call("GetTable");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        return GetTableResponse.builder().table(table(r.databaseName(), r.name())).build();
    }

    @Override
    public synchronized GetTablesResponse getTables(GetTablesRequest r) {
        call("GetTables");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        String db = database(r.databaseName()).name();
        Page<Table> page =
                page(new ArrayList<>(tables.get(db).values()), r.nextToken(), r.maxResults());
        return GetTablesResponse.builder().tableList(page.items).nextToken(page.next).build();
    }

    @Override
    public synchronized UpdateTableResponse updateTable(UpdateTableRequest r) {
        call("UpdateTable");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        lastUpdateTable = r;
        Table old = table(r.databaseName(), r.tableInput().name());
        if (r.versionId() != null && !r.versionId().equals(old.versionId())) {
            throw error(
                    ConcurrentModificationException.builder(),
                    "Update table failed due to concurrent modifications: version "
                            + r.versionId()
                            + " is not the current version "
                            + old.versionId());
        }
        String next = Integer.toString(Integer.parseInt(old.versionId()) + 1);
        tables.get(old.databaseName())
                .put(old.name(), toTable(old.databaseName(), r.tableInput(), next));
        return UpdateTableResponse.builder().build();
    }

    @Override
    public synchronized DeleteTableResponse deleteTable(DeleteTableRequest r) {
        call("DeleteTable");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Table old = table(r.databaseName(), r.name());
        tables.get(old.databaseName()).remove(old.name());
        partitions.get(old.databaseName()).remove(old.name());
        if (calls("DeleteTable") == failDeleteTableAfterApplying) {
            throw error(InternalServiceException.builder(), "Internal service error.");
        }
        return DeleteTableResponse.builder().build();
    }

    // ------------------------------------------------------------------ partitions

    @Override
    public synchronized CreatePartitionResponse createPartition(CreatePartitionRequest r) {
        call("CreatePartition");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Table t = table(r.databaseName(), r.tableName());
        List<Partition> list = partitions.get(t.databaseName()).get(t.name());
        PartitionInput in = r.partitionInput();
        if (find(list, in.values()) != null) {
            throw error(AlreadyExistsException.builder(), "Partition already exists.");
        }
        list.add(toPartition(t, in));
        return CreatePartitionResponse.builder().build();
    }

    @Override
    public synchronized BatchCreatePartitionResponse batchCreatePartition(
            BatchCreatePartitionRequest r) {
        call("BatchCreatePartition");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        if (r.partitionInputList().size() > 100) {
            throw error(
                    InvalidInputException.builder(),
                    "1 validation error detected: Value at 'partitionInputList' failed to satisfy"
                            + " constraint: Member must have length less than or equal to 100");
        }
        Table t = table(r.databaseName(), r.tableName());
        List<Partition> list = partitions.get(t.databaseName()).get(t.name());
        List<PartitionError> errors = new ArrayList<>();
        for (PartitionInput in : r.partitionInputList()) {
            if (find(list, in.values()) != null) {
                errors.add(entryError(in, "AlreadyExistsException", "Partition already exists."));
            } else if (refusedInBatch.contains(in.values())) {
                errors.add(entryError(in, "InternalServiceException", "Internal service error."));
            } else {
                list.add(toPartition(t, in));
            }
        }
        return BatchCreatePartitionResponse.builder().errors(errors).build();
    }

    private static PartitionError entryError(PartitionInput in, String code, String message) {
        return PartitionError.builder()
                .partitionValues(in.values())
                .errorDetail(ErrorDetail.builder().errorCode(code).errorMessage(message).build())
                .build();
    }

    @Override
    public synchronized GetPartitionResponse getPartition(GetPartitionRequest r) {
        call("GetPartition");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Table t = table(r.databaseName(), r.tableName());
        Partition p = find(partitions.get(t.databaseName()).get(t.name()), r.partitionValues());
        if (p == null) {
            throw error(EntityNotFoundException.builder(), "Cannot find partition.");
        }
        return GetPartitionResponse.builder().partition(p).build();
    }

    @Override
    public synchronized GetPartitionsResponse getPartitions(GetPartitionsRequest r) {
        call("GetPartitions");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Table t = table(r.databaseName(), r.tableName());
        Page<Partition> page =
                page(
                        new ArrayList<>(partitions.get(t.databaseName()).get(t.name())),
                        r.nextToken(),
                        r.maxResults());
        return GetPartitionsResponse.builder().partitions(page.items).nextToken(page.next).build();
    }

    @Override
    public synchronized UpdatePartitionResponse updatePartition(UpdatePartitionRequest r) {
        call("UpdatePartition");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Table t = table(r.databaseName(), r.tableName());
        List<Partition> list = partitions.get(t.databaseName()).get(t.name());
        Partition p = find(list, r.partitionValueList());
        if (p == null) {
            throw error(EntityNotFoundException.builder(), "Cannot find partition.");
        }
        list.set(list.indexOf(p), toPartition(t, r.partitionInput()));
        return UpdatePartitionResponse.builder().build();
    }

    @Override
    public synchronized DeletePartitionResponse deletePartition(DeletePartitionRequest r) {
        call("DeletePartition");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        Table t = table(r.databaseName(), r.tableName());
        List<Partition> list = partitions.get(t.databaseName()).get(t.name());
        Partition p = find(list, r.partitionValues());
        if (p == null) {
            throw error(EntityNotFoundException.builder(), "Cannot find partition.");
        }
        list.remove(p);
        return DeletePartitionResponse.builder().build();
    }

    // ------------------------------------------------------------------ functions

    @Override
    public synchronized CreateUserDefinedFunctionResponse createUserDefinedFunction(
            CreateUserDefinedFunctionRequest r) {
        call("CreateUserDefinedFunction");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        String db = database(r.databaseName()).name();
        String name = lower(r.functionInput().functionName());
        if (functions.get(db).containsKey(name)) {
            throw error(AlreadyExistsException.builder(), "Function already exists.");
        }
        functions.get(db).put(name, toFunction(db, name, r.functionInput()));
        return CreateUserDefinedFunctionResponse.builder().build();
    }

    @Override
    public synchronized GetUserDefinedFunctionResponse getUserDefinedFunction(
            GetUserDefinedFunctionRequest r) {
        call("GetUserDefinedFunction");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        return GetUserDefinedFunctionResponse.builder()
                .userDefinedFunction(function(r.databaseName(), r.functionName()))
                .build();
    }

    @Override
    public synchronized GetUserDefinedFunctionsResponse getUserDefinedFunctions(
            GetUserDefinedFunctionsRequest r) {
        call("GetUserDefinedFunctions");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        String db = database(r.databaseName()).name();
        Pattern pattern =
                Pattern.compile(
                        r.pattern() == null ? ".*" : r.pattern().replace("*", ".*"),
                        Pattern.CASE_INSENSITIVE);
        List<UserDefinedFunction> matching =
                functions.get(db).values().stream()
                        .filter(f -> pattern.matcher(f.functionName()).matches())
                        .collect(Collectors.toList());
        Page<UserDefinedFunction> page = page(matching, r.nextToken(), r.maxResults());
        return GetUserDefinedFunctionsResponse.builder()
                .userDefinedFunctions(page.items)
                .nextToken(page.next)
                .build();
    }

    @Override
    public synchronized UpdateUserDefinedFunctionResponse updateUserDefinedFunction(
            UpdateUserDefinedFunctionRequest r) {
        call("UpdateUserDefinedFunction");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        UserDefinedFunction old = function(r.databaseName(), r.functionName());
        functions
                .get(old.databaseName())
                .put(
                        old.functionName(),
                        toFunction(old.databaseName(), old.functionName(), r.functionInput()));
        return UpdateUserDefinedFunctionResponse.builder().build();
    }

    @Override
    public synchronized DeleteUserDefinedFunctionResponse deleteUserDefinedFunction(
            DeleteUserDefinedFunctionRequest r) {
        call("DeleteUserDefinedFunction");
        catalogIds.add(r.catalogId() == null ? "" : r.catalogId());
        UserDefinedFunction old = function(r.databaseName(), r.functionName());
        functions.get(old.databaseName()).remove(old.functionName());
        return DeleteUserDefinedFunctionResponse.builder().build();
    }

    // ------------------------------------------------------------------ helpers

    private void call(String action) {
        int n = calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
        if (Integer.valueOf(n).equals(failingCall.get(action))) {
            failingCall.remove(action);
            throw error(InternalServiceException.builder(), "Internal service error.");
        }
        Integer status = failing.get(action);
        if (status != null) {
            throw (GlueException)
                    GlueException.builder()
                            .message("Service Unavailable")
                            .statusCode(status)
                            .build();
        }
        if (denied.contains(action)) {
            throw error(
                    AccessDeniedException.builder(),
                    "User: arn:aws:iam::123456789012:user/test is not authorized to perform:"
                            + " glue:"
                            + action);
        }
    }

    private Database database(String name) {
        Database d = databases.get(lower(name));
        if (d == null) {
            throw error(EntityNotFoundException.builder(), "Database " + name + " not found.");
        }
        return d;
    }

    private Table table(String db, String name) {
        Table t = tables.get(database(db).name()).get(lower(name));
        if (t == null) {
            throw error(EntityNotFoundException.builder(), "Table " + name + " not found.");
        }
        return t;
    }

    private UserDefinedFunction function(String db, String name) {
        UserDefinedFunction f = functions.get(database(db).name()).get(lower(name));
        if (f == null) {
            throw error(EntityNotFoundException.builder(), "Function " + name + " not found.");
        }
        return f;
    }

    private static Table toTable(String db, TableInput in, String version) {
        return Table.builder()
                .databaseName(db)
                .name(lower(in.name()))
                .description(in.description())
                .owner(in.owner())
                .retention(in.retention())
                .tableType(in.tableType())
                .parameters(in.parameters())
                .storageDescriptor(in.storageDescriptor())
                .partitionKeys(in.partitionKeys())
                .viewOriginalText(in.viewOriginalText())
                .viewExpandedText(in.viewExpandedText())
                .versionId(version)
                .createTime(Instant.now())
                .build();
    }

    private static Partition toPartition(Table t, PartitionInput in) {
        return Partition.builder()
                .databaseName(t.databaseName())
                .tableName(t.name())
                .values(in.values())
                .parameters(in.parameters())
                .storageDescriptor(in.storageDescriptor())
                .creationTime(Instant.now())
                .build();
    }

    private static UserDefinedFunction toFunction(
            String db, String name, UserDefinedFunctionInput in) {
        return UserDefinedFunction.builder()
                .databaseName(db)
                .functionName(name)
                .className(in.className())
                .ownerName(in.ownerName())
                .ownerType(in.ownerType())
                .resourceUris(in.resourceUris())
                .createTime(Instant.now())
                .build();
    }

    private static Partition find(List<Partition> list, List<String> values) {
        for (Partition p : list) {
            if (p.values().equals(values)) {
                return p;
            }
        }
        return null;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private <T> Page<T> page(List<T> all, String token, Integer maxResults) {
        int size = maxResults == null ? pageSize : Math.min(maxResults, pageSize);
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(all.size(), from + size);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    private static <B extends GlueException.Builder> GlueException error(
            B builder, String message) {
        AwsServiceException.Builder b = builder;
        String code = builder.getClass().getEnclosingClass().getSimpleName();
        return (GlueException)
                b.message(message)
                        .statusCode(400)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(message)
                                        .serviceName("Glue")
                                        .build())
                        .build();
    }

    private static final class Page<T> {
        final List<T> items;
        final String next;

        Page(List<T> items, String next) {
            this.items = new ArrayList<>(items);
            this.next = next;
        }
    }
}
