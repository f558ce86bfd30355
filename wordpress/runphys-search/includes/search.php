<?php
/**
 * WordPress search answered by the service: the main ?s= query's posts come from
 * GET /api/v1/search, in the service's order, through the theme's own search template.
 * When the service cannot answer, WordPress searches as it always does.
 *
 * @package RunPhysSearch
 */

defined( 'ABSPATH' ) || exit;

/**
 * posts_pre_query: the service's page of hits as this query's posts (null: let WordPress search).
 *
 * @param WP_Post[]|int[]|null $posts Posts another filter already chose, or null.
 * @param WP_Query             $query The query.
 */
function runphys_search_posts_pre_query( $posts, $query ) {
	if ( null !== $posts || is_admin() || ! $query->is_main_query() || ! $query->is_search() ) {
		return $posts;
	}
	if ( ! runphys_search_option( 'replace_search' ) || '' === runphys_search_service_url() ) {
		return $posts;
	}
	$terms = trim( (string) $query->get( 's' ) );
	if ( '' === $terms || ! runphys_search_is_plain_search( $query ) ) {
		return $posts;
	}
	$per_page = (int) $query->get( 'posts_per_page' );
	$per_page = $per_page > 0 ? min( 50, $per_page ) : 10;
	$page     = max( 1, (int) $query->get( 'paged' ) );
	/**
	 * Seconds a search waits for the service before WordPress searches by itself.
	 *
	 * @param float $timeout Default 2.
	 */
	$timeout = (float) apply_filters( 'runphys_search_search_timeout', 2.0 );
	// Answers change with every published post and the service remembers them itself: not kept
	// here (a failure is, briefly, so a down service costs one timeout a minute).
	$answer = runphys_search_get(
		'/api/v1/search',
		array(
			'q'        => $terms,
			'per_page' => (string) $per_page,
			'page'     => (string) $page,
		),
		0,
		$timeout
	);
	$result = $answer['ok'] ? json_decode( $answer['body'], true ) : null;
	if ( ! is_array( $result ) || ! isset( $result['hits'] ) || ! is_array( $result['hits'] ) ) {
		runphys_search_mark( 'fallback' );
		return $posts; // WordPress's own search
	}
	$ids = array();
	foreach ( $result['hits'] as $hit ) {
		// The service's id of a synced post is its WordPress post ID.
		if ( is_array( $hit ) && isset( $hit['id'] ) && ctype_digit( (string) $hit['id'] ) ) {
			$ids[] = (int) $hit['id'];
		}
	}
	$found = array();
	if ( $ids ) {
		_prime_post_caches( $ids, false, false );
		foreach ( $ids as $id ) {
			$post = get_post( $id );
			if ( $post && 'publish' === $post->post_status ) {
				$found[] = $post;
			}
		}
	}
	$total                = isset( $result['total'] ) ? max( count( $found ), (int) $result['total'] ) : count( $found );
	$query->found_posts   = $total;
	$query->max_num_pages = (int) ceil( $total / $per_page );
	runphys_search_mark( 'service' );
	return $found;
}
add_filter( 'posts_pre_query', 'runphys_search_posts_pre_query', 10, 2 );

/**
 * Whether this is a reader's plain search of posts: one narrowed by category, tag, author, date
 * or another post type is left to WordPress (the service would ignore those filters).
 */
function runphys_search_is_plain_search( $query ) {
	foreach ( array( 'cat', 'category_name', 'tag', 'tag_id', 'author', 'author_name', 'year', 'monthnum', 'day', 'm', 'tax_query' ) as $var ) {
		if ( ! empty( $query->get( $var ) ) ) {
			return false;
		}
	}
	$type = $query->get( 'post_type' );
	return in_array( $type, array( '', 'any', 'post' ), true ) || array( 'post' ) === $type;
}

/** Say who answered the search, for people debugging a page (the headers are not sent yet). */
function runphys_search_mark( $who ) {
	if ( ! headers_sent() ) {
		header( 'X-RunPhys-Search: ' . $who );
	}
}
