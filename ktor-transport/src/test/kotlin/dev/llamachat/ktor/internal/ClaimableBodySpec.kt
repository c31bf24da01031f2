package dev.llamachat.ktor.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import java.io.IOException
import okhttp3.ResponseBody.Companion.asResponseBody
import okio.Buffer
import okio.ForwardingSource
import okio.buffer

/** A body over [text] that records whether it was closed. */
private class TrackedBody(text: String) {
    var closed = false
        private set
    val body = object : ForwardingSource(Buffer().writeUtf8(text)) {
        override fun close() {
            closed = true
            super.close()
        }
    }.buffer().asResponseBody(null, text.length.toLong())
}

class ClaimableBodySpec : FunSpec({
    test("a body its reader has claimed is left to the reader by a cancellation") {
        val tracked = TrackedBody("hello, world")
        val body = ClaimableBody(tracked.body)
        body.source().readUtf8(5) shouldBe "hello"
        body.closeUnclaimed().shouldBeFalse()
        tracked.closed.shouldBeFalse()
        body.source().readUtf8() shouldBe ", world"
        body.close()
        tracked.closed.shouldBeTrue()
    }

    test("a body nobody has read is closed by a cancellation, and a late reader gets an IOException") {
        val tracked = TrackedBody("hello")
        val body = ClaimableBody(tracked.body)
        body.closeUnclaimed().shouldBeTrue()
        tracked.closed.shouldBeTrue()
        shouldThrow<IOException> { body.source().readUtf8() }
        body.close() // the late reader's own close changes nothing
    }

    test("a body its reader closed unread is not closed again by a cancellation") {
        val tracked = TrackedBody("hello")
        val body = ClaimableBody(tracked.body)
        body.close()
        tracked.closed.shouldBeTrue()
        body.closeUnclaimed().shouldBeFalse()
    }
})
