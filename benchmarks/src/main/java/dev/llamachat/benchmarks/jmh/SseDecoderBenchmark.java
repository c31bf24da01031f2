package dev.llamachat.benchmarks.jmh;

import dev.llamachat.benchmarks.DecoderPaths;
import dev.llamachat.benchmarks.SseCorpus;
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
 * The decoder alone (target 6): a whole stream of {@code events} {@code text_delta} events held in memory,
 * decoded to events by core's SSE decoder and by the readLine reference. One operation decodes the whole
 * stream, so events per second is the score times {@code events + 1}; run with {@code -prof gc} for B/op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SseDecoderBenchmark {
    /** How many {@code text_delta} events the in-memory stream holds (a {@code stop} follows them). */
    @Param({"10000"})
    public int events;

    /** The read size of the SDK paths: core's default read buffer. */
    @Param({"8192"})
    public int chunkSize;

    private byte[] stream;

    @Setup
    public void setUp() {
        stream = SseCorpus.turn(events, 42L);
    }

    /** core's SseDecoder in chunks, then ChatEventJson to ChatEvent. */
    @Benchmark
    public int sdkDecoder(Blackhole blackhole) {
        return DecoderPaths.sdkDecoder(stream, chunkSize, blackhole::consume);
    }

    /** core's decodeChatEvents Flow over an in-memory ByteSource (adds the flow and end-of-turn rules). */
    @Benchmark
    public int sdkDecodeChatEventsFlow(Blackhole blackhole) {
        return DecoderPaths.sdkFlow(stream, chunkSize, blackhole::consume);
    }

    /** The reference: BufferedReader.readLine and kotlinx decoding of each data line. */
    @Benchmark
    public int readLineReference(Blackhole blackhole) {
        return DecoderPaths.readLineReference(stream, blackhole::consume);
    }
}
