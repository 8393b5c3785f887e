package io.github.flinkkinesis.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that starts one local server per test class and stops it after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalServerExtension KINESIS = LocalServerExtension.kinesalite();
 * ... KINESIS.endpoint() ...
 * }</pre>
 */
public final class LocalServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final ServerKind kind;
    private volatile LocalServer server;

    private LocalServerExtension(ServerKind kind) {
        this.kind = kind;
    }

    public static LocalServerExtension kinesalite() {
        return new LocalServerExtension(ServerKind.KINESALITE);
    }

    public static LocalServerExtension kinesisLocal() {
        return new LocalServerExtension(ServerKind.KINESIS_LOCAL);
    }

    public static LocalServerExtension moto() {
        return new LocalServerExtension(ServerKind.MOTO);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = LocalServer.start(kind);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    /** The running server; fails if the extension was not registered on the test class. */
    public LocalServer server() {
        LocalServer s = server;
        if (s == null) {
            throw new IllegalStateException(
                    kind.displayName()
                            + " is not running: register this extension with @RegisterExtension on a"
                            + " static field");
        }
        return s;
    }

    public URI endpoint() {
        return server().endpoint();
    }

    public int port() {
        return server().port();
    }

    /** Clears all state of a moto server ({@code POST /moto-api/reset}). */
    public void resetMoto() {
        if (kind != ServerKind.MOTO) {
            throw new IllegalStateException("reset is a moto feature, not " + kind.displayName());
        }
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "moto reset answered HTTP "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during moto reset", e);
        }
    }
}
