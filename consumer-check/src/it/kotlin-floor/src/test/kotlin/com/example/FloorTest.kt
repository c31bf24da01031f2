package com.example

import dev.llamachat.ktor.LlamaCloudChat
import dev.llamachat.testkit.LocalLlamaCloud
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** README's Kotlin quickstart, compiled by the floor Kotlin, run against testkit. Not a README block. */
class FloorTest {
    @Test
    fun answersOnTheKotlinFloor(): Unit = runBlocking {
        LocalLlamaCloud.start().use { server ->
            LlamaCloudChat { apiKey = "test"; baseUrl = server.baseUrl }.use { chat ->
                val turn = chat.startSession(indexIds = listOf("idx-demo")).ask("What were the main findings in Q3?")
                assertTrue("churn fell to 2.1%" in turn.text, turn.text)
                printAnswer(chat, indexId = "idx-demo", question = "What happened in Q4?")
            }
        }
    }
}
