package dev.llamachat.benchmarks.measure

import kotlin.random.Random

/**
 * [clients] in the order they take their turns in [round]: shuffled anew each round (the same shuffle in every run),
 * so that every client follows every other about equally often. In a fixed order each client always follows the
 * same one and pays for the tail of its work: a client that leaves threads busy after its turn (Ktor's engine
 * finishing its copier coroutines) slowed the next one's first event by 15-20% (the SDK Flow at 1.39x okhttp-sse
 * right after Ktor OkHttp plain, 1.19x before it, in one quick run each, load 9-12).
 */
internal fun <T> turnOrder(clients: List<T>, round: Int): List<T> = clients.shuffled(Random(round))
