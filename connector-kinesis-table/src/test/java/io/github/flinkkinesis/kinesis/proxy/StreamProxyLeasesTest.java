package io.github.flinkkinesis.kinesis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkinesis.kinesis.testutil.fakes.FakeStreamProxy;
import io.github.flinkkinesis.kinesis.testutil.fakes.TestSplits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamProxyLeasesTest {

    private final List<FakeStreamProxy> created = new ArrayList<>();
    private final StreamProxyLeases shared =
            new StreamProxyLeases(
                    () -> {
                        FakeStreamProxy proxy = new FakeStreamProxy().addShard("s0");
                        created.add(proxy);
                        return proxy;
                    });

    @Test
    void allLeasesShareOneProxyWhichTheLastReturnedLeaseCloses() {
        StreamProxy a = shared.acquire();
        StreamProxy b = shared.acquire();

        assertThat(created).hasSize(1);
        assertThat(a.listShards(TestSplits.STREAM))
                .isEqualTo(b.listShards(TestSplits.STREAM))
                .hasSize(1);

        a.close();
        a.close(); // a lease is returned once
        assertThat(created.get(0).isClosed()).isFalse();
        assertThat(shared.leases()).isEqualTo(1);

        b.close();
        assertThat(created.get(0).isClosed()).isTrue();
        assertThat(shared.leases()).isZero();
    }

    @Test
    void aLeaseAfterTheLastWasReturnedCreatesAFreshProxy() {
        shared.acquire().close();

        StreamProxy again = shared.acquire();

        assertThat(created).hasSize(2);
        assertThat(created.get(0).isClosed()).isTrue();
        assertThat(created.get(1).isClosed()).isFalse();
        again.close();
        assertThat(created.get(1).isClosed()).isTrue();
    }
}
