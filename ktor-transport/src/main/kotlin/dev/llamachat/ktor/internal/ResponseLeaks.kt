package dev.llamachat.ktor.internal

import java.io.IOException
import java.util.concurrent.ConcurrentHashMap
import okhttp3.Call
import okhttp3.EventListener
import okhttp3.Interceptor
import okhttp3.OkHttpClient
import okhttp3.Response

/**
 * Closes the response of an OkHttp call cancelled while its head was on the way. Ktor's OkHttp engine drops a
 * response that arrives after its call was cancelled without closing it, and OkHttp later warns "A connection to
 * ... was leaked. Did you forget to close a response body?" (the connection is reclaimed only by the garbage
 * collector). Each response is tracked from the moment OkHttp produces it until its call ends; a cancellation in
 * between closes its body unless a reader has claimed it (see [ClaimableBody]): closing a body while Ktor's engine
 * reads it on another thread corrupts okio's shared segments, which then fail unrelated later calls.
 */
internal class ResponseLeaks private constructor() : EventListener(), Interceptor {
    private val open = ConcurrentHashMap<Call, ClaimableBody>()

    override fun intercept(chain: Interceptor.Chain): Response {
        val call = chain.call()
        val response = chain.proceed(chain.request())
        val body = ClaimableBody(response.body)
        open[call] = body
        if (call.isCanceled()) {
            open.remove(call)
            body.closeUnclaimed()
            throw IOException("Canceled")
        }
        return response.newBuilder().body(body).build()
    }

    override fun canceled(call: Call) {
        open.remove(call)?.closeUnclaimed()
    }

    override fun callEnd(call: Call) {
        open.remove(call)
    }

    override fun callFailed(call: Call, ioe: IOException) {
        open.remove(call)
    }

    companion object {
        fun install(builder: OkHttpClient.Builder) {
            val leaks = ResponseLeaks()
            builder.addInterceptor(leaks).eventListener(leaks)
        }
    }
}
