package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;
import org.junit.jupiter.api.Test;

class ProportionalRateLimitingTest {

    private static RequestInfo request(int size) {
        return () -> size;
    }

    private static ResultInfo result(int size, int failed) {
        return new ResultInfo() {
            @Override
            public int getFailedMessages() {
                return failed;
            }

            @Override
            public int getBatchSize() {
                return size;
            }
        };
    }

    @Test
    void startsWithTheWholeBudgetAndKeepsBatchesFull() {
        ProportionalRateLimiting limits = new ProportionalRateLimiting(500, 4);
        assertThat(limits.budget()).isEqualTo(2000);
        assertThat(limits.getMaxBatchSize()).isEqualTo(500);
        for (int i = 0; i < 4; i++) {
            assertThat(limits.shouldBlock(request(500))).isFalse();
            limits.registerInFlightRequest(request(500));
        }
        assertThat(limits.shouldBlock(request(500))).as("max in-flight requests").isTrue();
    }

    @Test
    void aPartlyThrottledCallLowersTheBudgetByItsThrottledShareAndASuccessRaisesIt() {
        ProportionalRateLimiting limits = new ProportionalRateLimiting(500, 4);
        limits.registerInFlightRequest(request(500));
        limits.registerCompletedRequest(result(500, 20)); // 4% throttled
        assertThat(limits.budget()).isEqualTo(1920); // -4%
        limits.registerInFlightRequest(request(40));
        limits.registerCompletedRequest(result(40, 0));
        assertThat(limits.budget()).isEqualTo(1930); // at least +10
        limits.registerInFlightRequest(request(500));
        limits.registerCompletedRequest(result(500, 0));
        assertThat(limits.budget()).isEqualTo(2000); // +125, never above the ceiling
        assertThat(limits.getMaxBatchSize()).isEqualTo(500);
    }

    @Test
    void heavyThrottlingShrinksTheBatchesButAlwaysLetsOneCallGo() {
        ProportionalRateLimiting limits = new ProportionalRateLimiting(500, 4);
        limits.registerInFlightRequest(request(500));
        limits.registerCompletedRequest(result(500, 450)); // 90% throttled
        assertThat(limits.budget()).isEqualTo(200);
        assertThat(limits.getMaxBatchSize()).isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            limits.registerInFlightRequest(request(200));
            limits.registerCompletedRequest(result(200, 200));
        }
        assertThat(limits.budget()).isEqualTo(1);
        assertThat(limits.getMaxBatchSize()).isEqualTo(1);
        assertThat(limits.shouldBlock(request(1))).as("nothing in flight").isFalse();
        limits.registerInFlightRequest(request(1));
        assertThat(limits.shouldBlock(request(1))).as("the budget is one record").isTrue();
    }
}
