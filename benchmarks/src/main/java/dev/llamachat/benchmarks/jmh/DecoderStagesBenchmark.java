package dev.llamachat.benchmarks.jmh;

import dev.llamachat.ChatEvent;
import dev.llamachat.benchmarks.DecoderPaths;
import dev.llamachat.benchmarks.DecoderStages;
import dev.llamachat.benchmarks.SseCorpus;
import dev.llamachat.internal.FastDeltaJson;
import dev.llamachat.internal.SseFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SseDecoderBenchmark}'s paths cut into stages (framing, JSON), over the same in-memory stream, so that
 * the cost of each stage is known. One operation handles the whole stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecoderStagesBenchmark {
    /** How many {@code text_delta} events the in-memory stream holds (a {@code stop} follows them). */
    @Param({"10000"})
    public int events;

    /** The read size of the SDK framing: core's default read buffer. */
    @Param({"8192"})
    public int chunkSize;

    private byte[] stream;
    private List<SseFrame> frames;
    private List<byte[]> escaped;

    @Setup
    public void setUp() {
        stream = SseCorpus.turn(events, 42L);
        frames = DecoderStages.frames(stream);
        // As many as the stream has events, so that events per second reads the same way for every method.
        escaped = DecoderStages.escapedDeltas(events + 1);
    }

    /** core's SseDecoder alone: bytes to frames. */
    @Benchmark
    public int sdkFraming(Blackhole blackhole) {
        return DecoderStages.sdkFraming(stream, chunkSize, blackhole::consume);
    }

    /** core's general JSON decoder (ChatEventJson, without the fast delta path) alone: frame data to ChatEvent. */
    @Benchmark
    public int sdkJson(Blackhole blackhole) {
        return DecoderStages.sdkJson(frames, blackhole::consume);
    }

    /** Deltas that all carry a JSON escape, through core's fast delta path (since stop 24). */
    @Benchmark
    public int sdkEscapedDeltasFast(Blackhole blackhole) {
        // FastDeltaJson is internal to core (Kotlin's internal is public to javac): what the turn decoder tries first.
        for (byte[] data : escaped) {
            ChatEvent event = FastDeltaJson.INSTANCE.decode(data, data.length);
            if (event == null) throw new IllegalStateException("not a fast-path delta: " + new String(data, StandardCharsets.UTF_8));
            blackhole.consume(event);
        }
        return escaped.size();
    }

    /** The same deltas through the general path (the data's String, then ChatEventJson), as before stop 24. */
    @Benchmark
    public int sdkEscapedDeltasGeneral(Blackhole blackhole) {
        return DecoderStages.sdkGeneralDeltas(escaped, blackhole::consume);
    }

    /** The reference's readLine alone: bytes to line Strings. */
    @Benchmark
    public int referenceLines(Blackhole blackhole) {
        return DecoderStages.referenceLines(stream, blackhole::consume);
    }

    /** The reference's kotlinx decoding alone: data to RefEvent. */
    @Benchmark
    public int referenceJson(Blackhole blackhole) {
        return DecoderStages.referenceJson(frames, blackhole::consume);
    }
}
