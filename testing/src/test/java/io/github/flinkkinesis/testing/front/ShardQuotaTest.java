package io.github.flinkkinesis.testing.front;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.testing.front.ShardQuota.ReadDecision;
import org.junit.jupiter.api.Test;

/** The per-shard rules of the quota front, on a clock the test moves. */
class ShardQuotaTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;

    /** A GetRecords call as the front sees it: noted, then decided. */
    private static ReadDecision call(ShardQuota quota, long now) {
        quota.noteGetRecordsCall(now);
        return quota.admitGetRecords(now);
    }

    @Test
    void writesTakeOneSecondOfRecordsThenTheRate() {
        QuotaFrontConfig config = QuotaFrontConfig.aws().writeRecordsPerSecond(200);
        ShardQuota quota = new ShardQuota("s", "shardId-0", config, 0);
        int accepted = 0;
        for (int i = 0; i < 500; i++) {
            accepted += quota.admitRecord(10, 0) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(200);
        // half a second later, half a second of quota is back
        accepted = 0;
        for (int i = 0; i < 500; i++) {
            accepted += quota.admitRecord(10, SECOND / 2) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(100);
        ShardCounts counts = quota.counts();
        assertThat(counts.recordsAccepted()).isEqualTo(300);
        assertThat(counts.recordsThrottled()).isEqualTo(700);
        assertThat(counts.bytesAccepted()).isEqualTo(3000);
    }

    @Test
    void writesAreCappedByBytesAndAnEntryIsTakenWhole() {
        QuotaFrontConfig config = QuotaFrontConfig.aws().writeBytesPerSecond(1000);
        ShardQuota quota = new ShardQuota("s", "shardId-0", config, 0);
        assertThat(quota.admitRecord(600, 0)).isTrue();
        assertThat(quota.admitRecord(600, 0)).as("400 bytes left, 600 asked").isFalse();
        assertThat(quota.admitRecord(400, 0)).isTrue();
        assertThat(quota.admitRecord(1, 0)).isFalse();
        assertThat(quota.admitRecord(100, 100 * MS)).as("100 bytes refilled in 100 ms").isTrue();
    }

    @Test
    void aRefundGivesTheQuotaBack() {
        ShardQuota quota =
                new ShardQuota(
                        "s", "shardId-0", QuotaFrontConfig.aws().writeRecordsPerSecond(1), 0);
        assertThat(quota.admitRecord(10, 0)).isTrue();
        assertThat(quota.admitRecord(10, 0)).isFalse();
        quota.refundRecord(10);
        assertThat(quota.admitRecord(10, 0)).isTrue();
        assertThat(quota.counts().recordsAccepted()).isEqualTo(1);
    }

    @Test
    void fiveGetRecordsCallsInAnySlidingSecond() {
        ShardQuota quota = new ShardQuota("s", "shardId-0", QuotaFrontConfig.aws(), 0);
        for (int i = 0; i < 5; i++) {
            assertThat(call(quota, i * 10 * MS)).isEqualTo(ReadDecision.ALLOWED);
            quota.chargeRead(0, 0, i * 10 * MS);
        }
        assertThat(call(quota, 60 * MS)).isEqualTo(ReadDecision.THROTTLED_CALLS);
        assertThat(call(quota, 999 * MS)).isEqualTo(ReadDecision.THROTTLED_CALLS);
        // the first call leaves the window exactly one second after it was made
        assertThat(call(quota, SECOND)).isEqualTo(ReadDecision.ALLOWED);
        ShardCounts counts = quota.counts();
        assertThat(counts.getRecordsAllowed()).isEqualTo(6);
        assertThat(counts.getRecordsThrottled()).isEqualTo(2);
        // calls 6 and 7 came with 5 calls already in their second; call 8 at 1 s had 6 (10..999 ms)
        assertThat(counts.getRecordsViolations()).isEqualTo(3);
    }

    @Test
    void aWellPacedClientMakesNoViolation() {
        ShardQuota quota = new ShardQuota("s", "shardId-0", QuotaFrontConfig.aws(), 0);
        for (int i = 0; i < 50; i++) {
            long t = i * 200 * MS;
            assertThat(call(quota, t)).isEqualTo(ReadDecision.ALLOWED);
            quota.chargeRead(100, 100_000, t);
        }
        assertThat(quota.counts().getRecordsViolations()).isZero();
        assertThat(quota.counts().getRecordsThrottled()).isZero();
    }

    @Test
    void aTenMebibyteReadThrottlesTheNextFiveSeconds() {
        ShardQuota quota = new ShardQuota("s", "shardId-0", QuotaFrontConfig.aws(), 0);
        assertThat(call(quota, 0)).isEqualTo(ReadDecision.ALLOWED);
        quota.chargeRead(10_000, 10L * 1024 * 1024, 0);
        for (long t = SECOND; t < 5 * SECOND; t += SECOND) {
            assertThat(call(quota, t))
                    .as("at %d ms", t / MS)
                    .isEqualTo(ReadDecision.THROTTLED_BYTES);
        }
        assertThat(call(quota, 5 * SECOND - MS)).isEqualTo(ReadDecision.THROTTLED_BYTES);
        assertThat(call(quota, 5 * SECOND)).isEqualTo(ReadDecision.ALLOWED);
        ShardCounts counts = quota.counts();
        assertThat(counts.bytesRead()).isEqualTo(10L * 1024 * 1024);
        assertThat(counts.recordsRead()).isEqualTo(10_000);
        assertThat(counts.getRecordsThrottled()).isEqualTo(5);
    }

    @Test
    void readsAtTheByteRateAreNotThrottled() {
        // 1 MiB every 500 ms is exactly 2 MiB/s
        ShardQuota quota = new ShardQuota("s", "shardId-0", QuotaFrontConfig.aws(), 0);
        for (int i = 0; i < 10; i++) {
            long t = i * 500 * MS;
            assertThat(call(quota, t)).isEqualTo(ReadDecision.ALLOWED);
            quota.chargeRead(1, 1024 * 1024, t);
            assertThat(call(quota, t + 250 * MS)).isEqualTo(ReadDecision.THROTTLED_BYTES);
        }
    }
}
