package io.github.flinkkinesis.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Runs SQL scripts the way the SQL Client's embedded mode does, through the Table API alone, for
 * Flink releases whose SQL Client cannot be had (its {@code flink-sql-gateway-api} artifact is not
 * published for 2.1 and 2.2). Same command line as the client ({@code -j JAR ... -i INIT -f
 * SCRIPT}): the jars are loaded with {@code ADD JAR}, as a user of a plain Table API session would;
 * {@code SET 'key' = 'value'} goes to the session's configuration ({@code table.dml-sync} makes an
 * {@code INSERT} wait); results print in the client's tableau format; a failing statement prints
 * {@code [ERROR]} and ends the process with exit code 1.
 *
 * <p>Lifecycle: one JVM, one table environment on a local cluster bound to loopback, one run.
 */
public final class TableApiScripts {

    private static final Pattern SET = Pattern.compile("(?is)^SET\\s+'([^']+)'\\s*=\\s*'([^']*)'$");

    private final TableEnvironment env;
    private boolean dmlSync;

    private TableApiScripts(TableEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) throws IOException {
        List<String> jars = new ArrayList<>();
        List<Path> scripts = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-j":
                    jars.add(args[i + 1]);
                    break;
                case "-i":
                case "-f":
                    scripts.add(Path.of(args[i + 1]));
                    break;
                default:
                    throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        TableApiScripts runner = new TableApiScripts(TableEnvironment.create(settings()));
        try {
            for (String jar : jars) {
                runner.execute("ADD JAR '" + jar + "'");
            }
            for (Path script : scripts) {
                for (String statement :
                        statements(Files.readString(script, StandardCharsets.UTF_8))) {
                    runner.execute(statement);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.out.println("[ERROR] Could not execute SQL statement. Reason:\n" + trace);
            System.out.flush();
            System.exit(1);
        }
        System.out.flush();
        System.exit(0);
    }

    /** A local cluster bound to loopback, as the demo's config.yaml sets for the SQL Client. */
    private static EnvironmentSettings settings() {
        Map<String, String> config = new HashMap<>();
        config.put("parallelism.default", "2");
        config.put("taskmanager.numberOfTaskSlots", "4");
        for (String key :
                List.of(
                        "rest.bind-address",
                        "rest.address",
                        "jobmanager.bind-host",
                        "jobmanager.rpc.address",
                        "taskmanager.bind-host",
                        "taskmanager.host")) {
            config.put(key, "127.0.0.1");
        }
        return EnvironmentSettings.newInstance()
                .inStreamingMode()
                .withConfiguration(Configuration.fromMap(config))
                .build();
    }

    /** The statements of a script: full-line comments dropped, each ended by a ';' at line end. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - 1).trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }

    private void execute(String statement) throws InterruptedException {
        System.out.println("Flink SQL> " + statement.replace("\n", "\n> "));
        Matcher set = SET.matcher(statement);
        if (set.matches()) {
            env.getConfig().set(set.group(1), set.group(2));
            if (set.group(1).equals("table.dml-sync")) {
                dmlSync = Boolean.parseBoolean(set.group(2));
            }
            System.out.println("[INFO] Execute statement succeeded.");
            return;
        }
        TableResult result = env.executeSql(statement);
        if (result.getJobClient().isPresent()) {
            if (result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT
                    && !statement.regionMatches(true, 0, "INSERT", 0, 6)) {
                result.print();
            } else if (dmlSync) {
                try {
                    result.await();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("The job failed: " + e.getMessage(), e);
                }
                System.out.println("[INFO] Complete execution of the SQL update statement.");
            } else {
                System.out.println("[INFO] SQL update statement has been successfully submitted.");
            }
        } else if (result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT) {
            result.print();
        } else {
            System.out.println("[INFO] Execute statement succeeded.");
        }
    }
}
