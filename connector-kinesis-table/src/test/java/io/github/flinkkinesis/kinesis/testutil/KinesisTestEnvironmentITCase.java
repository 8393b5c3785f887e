package io.github.flinkkinesis.kinesis.testutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The stream lifecycle that {@link KinesisTestEnvironment} promises the IT classes, on kinesalite:
 * a stream is ACTIVE and named after its test, it is deleted after that test, and one created in
 * {@code @BeforeAll} lives on. The second test checks what the first left behind, so they run in
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KinesisTestEnvironmentITCase {

    @RegisterExtension
    static final KinesisTestEnvironment ENV =
            KinesisTestEnvironment.kinesalite().withoutMiniCluster();

    private static String classStream;
    private static String firstTestStream;

    @BeforeAll
    static void createClassStream() {
        classStream = ENV.newStream(1);
    }

    @Test
    @Order(1)
    void aNewStreamIsActiveAndNamedAfterItsTest() {
        firstTestStream = ENV.newStream(2);

        assertThat(firstTestStream).startsWith("aNewStreamIsActiveAndNamedAfterItsTest-");
        assertThat(status(firstTestStream)).isEqualTo(StreamStatus.ACTIVE);
        assertThat(ENV.streams().shards(firstTestStream)).hasSize(2);
        assertThat(classStream).startsWith("KinesisTestEnvironmentITCase-");
    }

    @Test
    @Order(2)
    void aTestsStreamIsDeletedAfterItWhileTheClassStreamLivesOn() {
        assertThat(firstTestStream).as("the first test ran").isNotNull();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (exists(firstTestStream) && System.nanoTime() < deadline) {
            TestStreams.sleep(50);
        }
        assertThat(exists(firstTestStream)).as("%s deleted", firstTestStream).isFalse();
        assertThat(status(classStream)).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    @Order(3)
    void withoutAMiniClusterThereIsNoTableEnvironment() {
        assertThatThrownBy(() -> ENV.tableEnv(1)).hasMessageContaining("no MiniCluster");
    }

    private static StreamStatus status(String stream) {
        return ENV.client()
                .describeStreamSummary(b -> b.streamName(stream))
                .streamDescriptionSummary()
                .streamStatus();
    }

    /** Whether the server still knows the stream (a DELETING stream still counts). */
    private static boolean exists(String stream) {
        try {
            status(stream);
            return true;
        } catch (ResourceNotFoundException gone) {
            return false;
        }
    }
}
