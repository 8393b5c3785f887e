package io.github.flinkkinesis.glue.catalog;

import static io.github.flinkkinesis.glue.catalog.testutil.TestTables.kinesisTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.glue.catalog.exception.GlueAccessDeniedException;
import io.github.flinkkinesis.glue.catalog.exception.GlueConcurrentModificationException;
import io.github.flinkkinesis.glue.catalog.testutil.FakeGlueClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogFunctionImpl;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.resource.ResourceType;
import org.apache.flink.table.resource.ResourceUri;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The catalog's contract ({@link GlueCatalogContract}) on a {@link FakeGlueClient}, and what only
 * the fake can check: paging, VersionId conflicts, user-defined functions, denied and failing
 * calls, the catalog id and skip-archive on every request.
 */
class GlueCatalogTest extends GlueCatalogContract {

    private static final int PAGE = 2;

    private FakeGlueClient fake;

    @Override
    protected GlueClient emptyGlue() {
        fake = new FakeGlueClient(PAGE);
        return fake;
    }

    @Override
    protected Map<String, String> awsOptions() {
        return credentials();
    }

    @Override
    protected GlueCatalog catalogOn(GlueCatalogConfig config) {
        return new GlueCatalog(config, fake);
    }

    @Test
    void databasesAreListedAcrossPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            catalog.createDatabase("db" + i, new CatalogDatabaseImpl(Map.of(), null), false);
        }
        int before = fake.calls("GetDatabases");
        assertThat(catalog.listDatabases()).hasSize(6);
        assertThat(fake.calls("GetDatabases") - before).isEqualTo(3); // 6 databases, pages of 2
    }

    @Test
    void tablesAreListedAcrossPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            catalog.createTable(new ObjectPath("default", "t" + i), kinesisTable(Map.of()), false);
        }
        int before = fake.calls("GetTables");
        assertThat(catalog.listTables("default")).hasSize(5);
        assertThat(fake.calls("GetTables") - before).isEqualTo(3);
    }

    @Test
    void dropDatabaseRestrictRefusesFunctionsCascadeRemovesThem() throws Exception {
        catalog.createDatabase("withfn", new CatalogDatabaseImpl(Map.of(), null), false);
        catalog.createFunction(
                new ObjectPath("withfn", "f"), new CatalogFunctionImpl("com.example.F"), false);

        assertThatThrownBy(() -> catalog.dropDatabase("withfn", false, false))
                .isInstanceOf(DatabaseNotEmptyException.class);

        catalog.dropDatabase("withfn", false, true);
        assertThat(catalog.listDatabases()).containsExactly("default");
    }

    @Test
    void concurrentAltersAreDetectedWithTheGlueVersionIdAndAreRetryable() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        GlueCatalog other = newCatalog(Map.of());
        other.open();

        // both writers read version 1
        catalog.getTable(path);
        other.getTable(path);
        catalog.alterTable(
                path, kinesisTable(Map.of("source.init.position", "TRIM_HORIZON")), false);

        assertThatThrownBy(
                        () ->
                                other.alterTable(
                                        path,
                                        kinesisTable(Map.of("source.init.position", "LATEST")),
                                        false))
                .isInstanceOfSatisfying(
                        GlueConcurrentModificationException.class,
                        e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("glue:UpdateTable")
                .hasMessageContaining("another writer");
        assertThat(catalog.getTable(path).getOptions())
                .containsEntry("source.init.position", "TRIM_HORIZON");

        // the retry reads the current version and succeeds
        other.getTable(path);
        other.alterTable(path, kinesisTable(Map.of("source.init.position", "LATEST")), false);
        assertThat(catalog.getTable(path).getOptions())
                .containsEntry("source.init.position", "LATEST");
        assertThat(fake.storedTable("default", "orders").versionId()).isEqualTo("3");
    }

    @Test
    void functionsKeepTheirLanguageAndResourcesAndAreListedAcrossPages() throws Exception {
        CatalogFunction python =
                new CatalogFunctionImpl(
                        "udfs.normalize",
                        FunctionLanguage.PYTHON,
                        List.of(new ResourceUri(ResourceType.FILE, "s3://bucket/udfs.py")));
        ObjectPath path = new ObjectPath("default", "normalize");
        catalog.createFunction(path, python, false);
        for (int i = 0; i < 4; i++) {
            catalog.createFunction(
                    new ObjectPath("default", "f" + i),
                    new CatalogFunctionImpl("com.example.F" + i, FunctionLanguage.JAVA),
                    false);
        }

        CatalogFunction read = catalog.getFunction(path);
        assertThat(read.getClassName()).isEqualTo("udfs.normalize");
        assertThat(read.getFunctionLanguage()).isEqualTo(FunctionLanguage.PYTHON);
        assertThat(read.getFunctionResources())
                .containsExactly(new ResourceUri(ResourceType.FILE, "s3://bucket/udfs.py"));
        assertThat(catalog.getFunction(new ObjectPath("default", "f1")).getFunctionLanguage())
                .isEqualTo(FunctionLanguage.JAVA);
        int before = fake.calls("GetUserDefinedFunctions");
        assertThat(catalog.listFunctions("default"))
                .containsExactlyInAnyOrder("normalize", "f0", "f1", "f2", "f3");
        assertThat(fake.calls("GetUserDefinedFunctions") - before).isEqualTo(3);

        assertThatThrownBy(() -> catalog.createFunction(path, python, false))
                .isInstanceOf(FunctionAlreadyExistException.class);
        catalog.createFunction(path, python, true);
        catalog.alterFunction(
                path, new CatalogFunctionImpl("udfs.Other", FunctionLanguage.SCALA), false);
        assertThat(catalog.getFunction(path).getFunctionLanguage())
                .isEqualTo(FunctionLanguage.SCALA);
        assertThat(catalog.getFunction(path).getClassName()).isEqualTo("udfs.Other");
        catalog.dropFunction(path, false);
        assertThat(catalog.functionExists(path)).isFalse();
        assertThatThrownBy(() -> catalog.dropFunction(path, false))
                .isInstanceOf(FunctionNotExistException.class);
        catalog.dropFunction(path, true);
        assertThatThrownBy(() -> catalog.alterFunction(path, new CatalogFunctionImpl("x"), false))
                .isInstanceOf(FunctionNotExistException.class);
        catalog.alterFunction(path, new CatalogFunctionImpl("x"), true);
        assertThatThrownBy(() -> catalog.getFunction(path))
                .isInstanceOf(FunctionNotExistException.class);
        assertThatThrownBy(
                        () ->
                                catalog.createFunction(
                                        new ObjectPath("missing", "f"),
                                        new CatalogFunctionImpl("x"),
                                        false))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void accessDeniedNamesTheActionAndTheResource() {
        fake.deny("CreateTable");
        assertThatThrownBy(createKinesisTable("default", "orders"))
                .isInstanceOfSatisfying(
                        GlueAccessDeniedException.class,
                        e -> {
                            assertThat(e.action()).isEqualTo("glue:CreateTable");
                            assertThat(e.resource()).isEqualTo("table default.orders");
                        })
                .hasMessageContaining("glue:CreateTable")
                .hasMessageContaining("table default.orders");
    }

    @Test
    void aServerErrorWithoutCodeFromAwsGlueIsAnErrorAndNeverHidesFunctions() throws Exception {
        // against AWS's own endpoint a 503 without an error code (e.g. from a proxy) is an error:
        // it must not make DROP DATABASE ... RESTRICT believe there are no functions
        catalog.createDatabase("fns", new CatalogDatabaseImpl(Map.of(), null), false);
        fake.failWithoutErrorCode("GetUserDefinedFunctions", 503);
        assertThatThrownBy(() -> catalog.dropDatabase("fns", false, false))
                .isInstanceOf(CatalogException.class);
        assertThatThrownBy(() -> catalog.listFunctions("fns")).isInstanceOf(CatalogException.class);
        assertThat(fake.calls("GetUserDefinedFunctions")).isEqualTo(2);
        assertThat(catalog.databaseExists("fns")).isTrue();
    }

    @Test
    void anEmulatedEndpointWithoutTheFunctionApiReportsNoFunctions() throws Exception {
        FakeGlueClient emulator = new FakeGlueClient(PAGE);
        emulator.endpointOverride(URI.create("http://127.0.0.1:5000"));
        emulator.failWithoutErrorCode("GetUserDefinedFunctions", 500);
        emulator.failWithoutErrorCode("GetUserDefinedFunction", 500);
        GlueCatalog local = new GlueCatalog(GlueCatalogConfig.builder("glue").build(), emulator);
        local.open();
        assertThat(local.listFunctions("default")).isEmpty();
        assertThat(local.functionExists(new ObjectPath("default", "f"))).isFalse();
        // the endpoint is marked once: no further calls
        assertThat(emulator.calls("GetUserDefinedFunctions")).isEqualTo(1);
        assertThat(emulator.calls("GetUserDefinedFunction")).isZero();
        local.close();
    }

    @Test
    void aMissingDefaultDatabaseThatCannotBeCreatedIsAClearErrorOnOpen() {
        fake.deny("CreateDatabase");
        GlueCatalog other =
                new GlueCatalog(
                        GlueCatalogConfig.builder("glue").defaultDatabase("analytics").build(),
                        fake);
        assertThatThrownBy(other::open)
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'analytics'")
                .hasMessageContaining("'default-database'")
                .hasMessageContaining("glue:CreateDatabase");
    }

    @Test
    void catalogIdAndSkipArchiveReachEveryGlueRequest() throws Exception {
        ObjectPath path = new ObjectPath("default", "orders");
        catalog.createTable(path, kinesisTable(Map.of()), false);
        catalog.alterTable(path, kinesisTable(Map.of()), false);
        assertThat(fake.lastUpdateTable().skipArchive()).isTrue();
        assertThat(fake.catalogIds()).containsExactly("");

        FakeGlueClient crossAccount = new FakeGlueClient(PAGE);
        GlueCatalog other =
                new GlueCatalog(
                        GlueCatalogConfig.builder("glue")
                                .catalogId("210987654321")
                                .skipArchive(false)
                                .build(),
                        crossAccount);
        other.open();
        other.createTable(path, kinesisTable(Map.of()), false);
        other.alterTable(path, kinesisTable(Map.of()), false);
        other.listTables("default");
        assertThat(crossAccount.lastUpdateTable().skipArchive()).isFalse();
        assertThat(crossAccount.catalogIds()).containsExactly("210987654321");
    }
}
