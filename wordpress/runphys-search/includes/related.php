<?php
/**
 * Related videos: under single posts (the_content) and with the [runphys_related] shortcode,
 * both rendered on the server from the service's fragment GET /widget/related/{slug}.
 *
 * @package RunPhysSearch
 */

defined( 'ABSPATH' ) || exit;

/**
 * The related list of one post as safe HTML ('' when the service is unset, down or has no list).
 *
 * @param WP_Post|int $post        The post.
 * @param int         $limit       How many items.
 * @param bool        $videos_only Only posts with a video.
 */
function runphys_search_related_html( $post, $limit, $videos_only ) {
	$post = get_post( $post );
	if ( ! $post || 'publish' !== $post->post_status || '' === $post->post_name ) {
		return '';
	}
	/**
	 * Seconds the page waits for the service's related list (at most 1).
	 *
	 * @param float $timeout Default 1.
	 */
	$timeout = min( 1.0, (float) apply_filters( 'runphys_search_related_timeout', 1.0 ) );
	$answer  = runphys_search_related_cached(
		$post->ID,
		'/widget/related/' . rawurlencode( $post->post_name ),
		array(
			'limit'       => (string) max( 1, min( 50, (int) $limit ) ),
			'videos_only' => $videos_only ? 'true' : 'false',
		),
		$timeout
	);
	if ( ! $answer['ok'] || '' === trim( $answer['body'] ) ) {
		return '';
	}
	return '<div class="runphys-search-related">' . wp_kses_post( $answer['body'] ) . '</div>';
}

/**
 * The service's answer for a post's list, cached in the post's own meta: WordPress has loaded
 * the shown post's meta already, so a cached list costs no database query (a transient would
 * cost two). An answer is kept RUNPHYS_SEARCH_FRAGMENT_TTL, a failure RUNPHYS_SEARCH_FAILURE_TTL.
 */
function runphys_search_related_cached( $post_id, $path, array $query, $timeout ) {
	$url = runphys_search_url( $path, $query );
	if ( '' === $url ) {
		return array( 'ok' => false, 'status' => 0, 'body' => '' );
	}
	$key   = md5( $url );
	$now   = time();
	$cache = get_post_meta( $post_id, RUNPHYS_SEARCH_RELATED_META, true );
	$cache = is_array( $cache ) ? $cache : array();
	if ( isset( $cache[ $key ]['expires'], $cache[ $key ]['ok'], $cache[ $key ]['body'] ) && (int) $cache[ $key ]['expires'] > $now ) {
		return $cache[ $key ];
	}
	$result            = runphys_search_fetch( $url, $timeout );
	$result['expires'] = $now + ( $result['ok'] ? RUNPHYS_SEARCH_FRAGMENT_TTL : RUNPHYS_SEARCH_FAILURE_TTL );
	foreach ( $cache as $old => $entry ) {
		if ( ! is_array( $entry ) || ! isset( $entry['expires'] ) || (int) $entry['expires'] <= $now ) {
			unset( $cache[ $old ] ); // expired, or another service's or setting's answer
		}
	}
	$cache[ $key ] = $result;
	// update_post_meta() unslashes what it stores: slashed here so backslashes in the list survive.
	update_post_meta( $post_id, RUNPHYS_SEARCH_RELATED_META, wp_slash( $cache ) );
	return $result;
}

/** The related list appended to the post's own content, on its single page only. */
function runphys_search_the_content( $content ) {
	if ( is_admin() || is_feed() || ! is_singular( 'post' ) || ! is_main_query() || doing_filter( 'get_the_excerpt' ) ) {
		return $content;
	}
	$post = get_post();
	if ( ! $post || (int) $post->ID !== (int) get_queried_object_id() ) {
		return $content; // another post's content shown on this page (a query block, a widget)
	}
	if ( ! runphys_search_option( 'related_auto' ) || has_shortcode( $post->post_content, 'runphys_related' ) ) {
		return $content;
	}
	return $content . runphys_search_related_html( $post, runphys_search_related_count(), (bool) runphys_search_option( 'videos_only' ) );
}
add_filter( 'the_content', 'runphys_search_the_content', 20 );

/**
 * [runphys_related limit="4" videos_only="true" post="slug-or-id"]: the list anywhere.
 *
 * Without `post`, the list is about the post being shown.
 */
function runphys_search_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'limit'       => runphys_search_related_count(),
			'videos_only' => runphys_search_option( 'videos_only' ) ? 'true' : 'false',
			'post'        => '',
		),
		$atts,
		'runphys_related'
	);
	$post = null;
	if ( '' !== $atts['post'] ) {
		$post = ctype_digit( (string) $atts['post'] )
			? get_post( (int) $atts['post'] )
			: get_page_by_path( sanitize_title( $atts['post'] ), OBJECT, 'post' );
	} else {
		$post = get_post();
	}
	if ( ! $post ) {
		return '';
	}
	$videos_only = filter_var( $atts['videos_only'], FILTER_VALIDATE_BOOLEAN );
	return runphys_search_related_html( $post, (int) $atts['limit'], $videos_only );
}
add_shortcode( 'runphys_related', 'runphys_search_shortcode' );

/** A little layout for the fragment's classes (themes may override `.runphys-*`). */
function runphys_search_styles() {
	if ( ! is_singular() || '' === runphys_search_service_url() ) {
		return;
	}
	wp_enqueue_style( 'runphys-search', plugins_url( 'assets/related.css', RUNPHYS_SEARCH_FILE ), array(), RUNPHYS_SEARCH_VERSION );
}
add_action( 'wp_enqueue_scripts', 'runphys_search_styles' );
