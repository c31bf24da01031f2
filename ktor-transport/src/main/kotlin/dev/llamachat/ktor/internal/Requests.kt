package dev.llamachat.ktor.internal

import dev.llamachat.internal.Arguments
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * Builds the [ApiRequest] of each call after validating every argument (core's [Arguments]), so a call that can
 * never succeed fails before any request. Null organization and project ids fall back to the client's defaults;
 * parameters still null are left out of the query.
 */
internal class Requests(private val defaultOrganizationId: String?, private val defaultProjectId: String?) {
    fun list(pageSize: Int?, pageToken: String?, organizationId: String?, projectId: String?): ApiRequest {
        Arguments.pageSize(pageSize)
        Arguments.pageToken(pageToken)
        val query = scope(organizationId, projectId).toMutableList()
        if (pageSize != null) query += "page_size" to pageSize.toString()
        if (pageToken != null) query += "page_token" to pageToken
        return ApiRequest(ApiCall.LIST, CHAT, query, null)
    }

    fun create(indexIds: List<String>?, organizationId: String?, projectId: String?): ApiRequest {
        Arguments.indexIds(indexIds)
        val body = buildJsonObject { if (indexIds != null) put("index_ids", indexIds.toJson()) }
        return ApiRequest(ApiCall.CREATE, CHAT, scope(organizationId, projectId), body.toString())
    }

    fun retrieve(sessionId: String, organizationId: String?, projectId: String?): ApiRequest =
        ApiRequest(ApiCall.RETRIEVE, session(sessionId), scope(organizationId, projectId), null)

    fun delete(sessionId: String, organizationId: String?, projectId: String?): ApiRequest =
        ApiRequest(ApiCall.DELETE, session(sessionId), scope(organizationId, projectId), null)

    fun summary(sessionId: String, organizationId: String?, projectId: String?): ApiRequest =
        ApiRequest(ApiCall.SUMMARY, session(sessionId) + "/summary", scope(organizationId, projectId), null)

    fun title(sessionId: String, firstMessage: String, organizationId: String?, projectId: String?): ApiRequest {
        val path = session(sessionId) + "/title"
        Arguments.firstMessage(firstMessage)
        val body = buildJsonObject { put("first_message", firstMessage) }
        return ApiRequest(ApiCall.TITLE, path, scope(organizationId, projectId), body.toString())
    }

    fun stream(sessionId: String, prompt: String, indexIds: List<String>, organizationId: String?, projectId: String?): ApiRequest {
        val path = session(sessionId) + "/messages/stream"
        Arguments.prompt(prompt)
        Arguments.indexIds(indexIds)
        val body = buildJsonObject {
            put("prompt", prompt)
            put("index_ids", indexIds.toJson())
        }
        return ApiRequest(ApiCall.STREAM, path, scope(organizationId, projectId), body.toString())
    }

    private fun session(sessionId: String): String {
        Arguments.sessionId(sessionId)
        // Some HTTP stacks (OkHttp) resolve dot segments even percent-encoded; no session is named so anyway.
        require(sessionId != "." && sessionId != "..") { "sessionId '$sessionId' can never name a session" }
        return CHAT + "/" + Percent.segment(sessionId)
    }

    private fun scope(organizationId: String?, projectId: String?): List<Pair<String, String>> {
        val organization = Arguments.uuid("organizationId", organizationId) ?: defaultOrganizationId
        val project = Arguments.uuid("projectId", projectId) ?: defaultProjectId
        return buildList {
            if (organization != null) add("organization_id" to organization)
            if (project != null) add("project_id" to project)
        }
    }

    private fun List<String>.toJson(): JsonArray = JsonArray(map(::JsonPrimitive))

    companion object {
        const val CHAT: String = "/api/v1/chat"
    }
}
