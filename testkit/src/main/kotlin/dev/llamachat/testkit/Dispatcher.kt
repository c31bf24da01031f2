package dev.llamachat.testkit

/**
 * Decides what [LocalLlamaCloud] answers to each call no queued [ScriptedResponse] applies to; set with
 * [LocalLlamaCloud.setDispatcher]. Called on a thread that may block, once per call, with the recorded request.
 *
 * ```java
 * server.setDispatcher(request -> request.getEndpoint() == Endpoint.STREAM
 *     ? ScriptedResponse.events(myTurn)
 *     : ScriptedResponse.serve());
 * ```
 */
public fun interface Dispatcher {
    /** The answer to [request]; [ScriptedResponse.serve] lets the server answer it itself. */
    public fun dispatch(request: RecordedRequest): ScriptedResponse

    public companion object {
        /** The default: the server answers every call itself. */
        @JvmField
        public val SERVE: Dispatcher = Dispatcher { ScriptedResponse.serve() }
    }
}
