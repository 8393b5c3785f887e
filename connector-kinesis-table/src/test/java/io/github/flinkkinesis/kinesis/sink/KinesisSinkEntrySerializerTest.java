package io.github.flinkkinesis.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkinesis.kinesis.model.KinesisSinkEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class KinesisSinkEntrySerializerTest {

    private final KinesisSinkEntrySerializer serializer = new KinesisSinkEntrySerializer();

    @Test
    void roundTripsEntriesWithAndWithoutExplicitHashKeys() throws IOException {
        List<RequestEntryWrapper<KinesisSinkEntry>> entries = new ArrayList<>();
        for (KinesisSinkEntry e :
                List.of(
                        new KinesisSinkEntry("a".getBytes(StandardCharsets.UTF_8), "k1", null),
                        new KinesisSinkEntry(
                                new byte[0], "ключ-😀", "340282366920938463463374607431768211455"),
                        new KinesisSinkEntry(new byte[70_000], "k3", "0"))) {
            entries.add(new RequestEntryWrapper<>(e, e.sizeInBytes()));
        }
        BufferedRequestState<KinesisSinkEntry> state = new BufferedRequestState<>(entries);

        assertThat(serializer.getVersion()).isEqualTo(1);
        BufferedRequestState<KinesisSinkEntry> restored =
                serializer.deserialize(1, serializer.serialize(state));

        assertThat(restored.getBufferedRequestEntries()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            RequestEntryWrapper<KinesisSinkEntry> before = entries.get(i);
            RequestEntryWrapper<KinesisSinkEntry> after =
                    restored.getBufferedRequestEntries().get(i);
            assertThat(after.getRequestEntry()).isEqualTo(before.getRequestEntry());
            assertThat(after.getRequestEntry().explicitHashKey())
                    .isEqualTo(before.getRequestEntry().explicitHashKey());
            assertThat(after.getSize()).isEqualTo(before.getSize());
        }
        assertThat(restored.getStateSize()).isEqualTo(state.getStateSize());
    }

    @Test
    void rejectsAnUnknownVersionWithAMessage() throws IOException {
        byte[] bytes = serializer.serialize(BufferedRequestState.emptyState());
        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("reads version 1");
    }

    @Test
    void sizeCountsDataAndUtf8KeyBytes() {
        assertThat(new KinesisSinkEntry(new byte[10], "abc", null).sizeInBytes()).isEqualTo(13);
        assertThat(new KinesisSinkEntry(new byte[10], "é", null).sizeInBytes()).isEqualTo(12);
        assertThat(new KinesisSinkEntry(new byte[10], "€", null).sizeInBytes()).isEqualTo(13);
        assertThat(new KinesisSinkEntry(new byte[10], "😀", null).sizeInBytes()).isEqualTo(14);
        String mixed = "a€😀é";
        assertThat(new KinesisSinkEntry(new byte[0], mixed, null).sizeInBytes())
                .isEqualTo(mixed.getBytes(StandardCharsets.UTF_8).length);
    }
}
