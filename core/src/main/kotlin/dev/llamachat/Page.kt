package dev.llamachat

import dev.llamachat.internal.EMPTY_JSON
import dev.llamachat.internal.JavaJson
import dev.llamachat.internal.extrasText
import java.util.Objects
import java.util.Optional
import kotlinx.serialization.json.JsonObject

/**
 * One page of a cursor-paginated listing.
 *
 * Java sees `items()`, `nextPageToken()`, `hasNextPage()` and `additionalProperties()`.
 *
 * @property items this page's items.
 * @property nextPageToken opaque token for the next page; null or empty on the last page.
 * @property additionalProperties fields this SDK does not know yet, kept as they came and written back on encode.
 */
public class Page<T> private constructor(
    @get:JvmName("items") public val items: List<T>,
    @get:JvmSynthetic public val nextPageToken: String?,
    @get:JvmSynthetic public val additionalProperties: JsonObject,
) {
    /** A page of [items], followed by the page [nextPageToken] names (null or empty: none). */
    public constructor(items: List<T>, nextPageToken: String? = null) : this(items, nextPageToken, EMPTY_JSON)

    /** This page with [properties] as its [additionalProperties]. */
    @JvmSynthetic
    public fun withAdditionalProperties(properties: JsonObject): Page<T> = Page(items, nextPageToken, properties)

    /** Whether another page follows this one. */
    @get:JvmName("hasNextPage")
    public val hasNextPage: Boolean get() = !nextPageToken.isNullOrEmpty()

    /** [nextPageToken] for Java callers: empty on the last page. */
    public fun nextPageToken(): Optional<String> =
        if (hasNextPage) Optional.of(nextPageToken!!) else Optional.empty()

    /** [additionalProperties] for Java callers, as plain Java values (see [ChatEvent.ToolCall.arguments]). */
    public fun additionalProperties(): Map<String, Any?> = JavaJson.map(additionalProperties)

    override fun equals(other: Any?): Boolean = other is Page<*> && items == other.items &&
        nextPageToken == other.nextPageToken && additionalProperties == other.additionalProperties

    override fun hashCode(): Int = Objects.hash(items, nextPageToken, additionalProperties)

    override fun toString(): String =
        "Page(items=$items, nextPageToken=$nextPageToken${extrasText(additionalProperties)})"
}
