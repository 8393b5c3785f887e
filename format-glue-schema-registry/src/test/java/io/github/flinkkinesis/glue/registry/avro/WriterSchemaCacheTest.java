package io.github.flinkkinesis.glue.registry.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriterSchemaCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<UUID> loads = new ArrayList<>();

    private String load(UUID id) {
        loads.add(id);
        return "schema of " + id;
    }

    @Test
    void keepsAtMostSizeEntriesDroppingTheLeastRecentlyUsed() {
        WriterSchemaCache<String> cache = new WriterSchemaCache<>(2, 60_000, nanos::get);
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();

        assertThat(cache.get(a, this::load)).isEqualTo("schema of " + a);
        cache.get(b, this::load);
        cache.get(a, this::load); // a is now the most recently used
        cache.get(c, this::load); // evicts b
        cache.get(a, this::load);
        cache.get(b, this::load); // loaded again

        assertThat(loads).containsExactly(a, b, c, b);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void reloadsAnEntryOlderThanTheTtl() {
        WriterSchemaCache<String> cache = new WriterSchemaCache<>(10, 1_000, nanos::get);
        UUID a = UUID.randomUUID();

        cache.get(a, this::load);
        nanos.addAndGet(999_000_000L);
        cache.get(a, this::load);
        nanos.addAndGet(2_000_000L);
        cache.get(a, this::load);

        assertThat(loads).containsExactly(a, a);
    }
}
