package io.github.flinkkinesis.glue.registry.avro;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;

/**
 * What the reader keeps per writer schema version id (the parsed schema and its resolving reader),
 * bounded by entry count (least recently used out first) and by age. Not thread-safe: one per
 * deserializer instance, used by its one task thread.
 *
 * @param <V> the value kept per schema version id
 */
@Internal
final class WriterSchemaCache<V> {

    private final int maxSize;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<UUID, Entry<V>> entries;

    private record Entry<V>(V value, long loadedAt) {}

    WriterSchemaCache(int maxSize, long ttlMillis, LongSupplier nanoClock) {
        this.maxSize = maxSize;
        this.ttlNanos = Math.multiplyExact(ttlMillis, 1_000_000L);
        this.clock = nanoClock;
        this.entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<UUID, Entry<V>> eldest) {
                        return size() > WriterSchemaCache.this.maxSize;
                    }
                };
    }

    /** The cached value, or a new one from {@code loader} when absent or older than the TTL. */
    V get(UUID id, Function<UUID, V> loader) {
        long now = clock.getAsLong();
        Entry<V> entry = entries.get(id);
        if (entry != null && now - entry.loadedAt() < ttlNanos) {
            return entry.value();
        }
        V value = loader.apply(id);
        entries.put(id, new Entry<>(value, now));
        return value;
    }

    int size() {
        return entries.size();
    }
}
