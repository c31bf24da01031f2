package dev.llamachat

import java.util.Optional
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/**
 * One page of a cursor-paginated listing.
 *
 * @property items this page's items.
 * @property nextPageToken opaque token for the next page; null or empty on the last page.
 */
@Serializable
public data class Page<T>(
    @SerialName("items") val items: List<T>,
    @SerialName("next_page_token") val nextPageToken: String? = null,
) {
    /** Whether another page follows this one. */
    @get:JvmName("hasNextPage")
    val hasNextPage: Boolean get() = !nextPageToken.isNullOrEmpty()

    /** [nextPageToken] for Java callers: empty on the last page. */
    public fun nextPageToken(): Optional<String> =
        if (hasNextPage) Optional.of(nextPageToken!!) else Optional.empty()
}
