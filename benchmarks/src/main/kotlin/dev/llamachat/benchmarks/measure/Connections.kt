package dev.llamachat.benchmarks.measure

import dev.llamachat.benchmarks.SessionRing
import dev.llamachat.benchmarks.BenchServer
import dev.llamachat.benchmarks.clients.StreamClient
import kotlinx.coroutines.runBlocking

/** How many TCP connections the server saw for [calls] sequential turns through one new client. */
internal class ConnectionsResult(val client: String, val calls: Int, val connections: Int)

/**
 * Connection reuse, counted on the server: a fresh client runs [calls] sequential `bench:1` turns, and the
 * server's count of distinct client connections is read before and after. Nothing else talks to the server
 * meanwhile (sessions are made first, by another client).
 */
internal fun measureConnections(
    server: BenchServer,
    newClient: () -> StreamClient,
    sessions: SessionRing,
    calls: Int,
): ConnectionsResult = newClient().use { client ->
    val before = server.connectionsSeen()
    runBlocking { repeat(calls) { client.runTurn(sessions.next(), "bench:1") {} } }
    ConnectionsResult(client.name, calls, server.connectionsSeen() - before)
}
