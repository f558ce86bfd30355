<?php
/**
 * Pings: tell the service a post changed (published, updated, trashed, unpublished, deleted),
 * so it syncs that one post. Sent once per post when the request ends (by then the REST API has
 * set the post's terms too), without waiting for an answer: publishing never waits on the service.
 *
 * @package RunPhysSearch
 */

defined( 'ABSPATH' ) || exit;

/** The post ids changed during this request (id => true). */
function runphys_search_pending( $id = null ) {
	static $pending = array();
	if ( null !== $id ) {
		if ( ! $pending ) {
			add_action( 'shutdown', 'runphys_search_send_pings', 1 );
		}
		$pending[ (int) $id ] = true;
	}
	return array_keys( $pending );
}

/** Whether this post is one the service indexes (posts, not revisions or autosaves). */
function runphys_search_watches( $post ) {
	if ( ! $post instanceof WP_Post || wp_is_post_revision( $post ) || wp_is_post_autosave( $post ) ) {
		return false;
	}
	/**
	 * Post types whose changes are sent to the service.
	 *
	 * @param string[] $types Default array( 'post' ).
	 */
	$types = (array) apply_filters( 'runphys_search_post_types', array( 'post' ) );
	return in_array( $post->post_type, $types, true );
}

/** transition_post_status: anything that enters or leaves "publish" (updates are publish → publish). */
function runphys_search_on_transition( $new_status, $old_status, $post ) {
	if ( ( 'publish' === $new_status || 'publish' === $old_status ) && runphys_search_watches( $post ) ) {
		runphys_search_pending( $post->ID );
	}
}
add_action( 'transition_post_status', 'runphys_search_on_transition', 10, 3 );

/** save_post: a published post saved (also covers saves that do not go through a transition). */
function runphys_search_on_save( $post_id, $post ) {
	if ( $post instanceof WP_Post && 'publish' === $post->post_status && runphys_search_watches( $post ) ) {
		runphys_search_pending( $post_id );
	}
}
add_action( 'save_post', 'runphys_search_on_save', 10, 2 );

/** before_delete_post: a post deleted for good (the service removes it when it finds it gone). */
function runphys_search_on_delete( $post_id ) {
	$post = get_post( $post_id );
	if ( runphys_search_watches( $post ) ) {
		runphys_search_pending( $post_id );
	}
}
add_action( 'before_delete_post', 'runphys_search_on_delete', 10, 1 );

/**
 * At shutdown: one non-blocking POST {service}/api/v1/admin/sync per changed post, or, after a
 * bulk change (an import, a bulk edit), one sync of the whole site instead of a ping per post.
 */
function runphys_search_send_pings() {
	$base  = runphys_search_service_url();
	$token = runphys_search_admin_token();
	if ( '' === $base || '' === $token ) {
		return;
	}
	/**
	 * Seconds to hand a ping over (the answer is never awaited).
	 *
	 * @param float $timeout Default 0.01.
	 */
	$timeout = (float) apply_filters( 'runphys_search_ping_timeout', 0.01 );
	/**
	 * Above this many changed posts in one request, one whole-site sync is asked for instead.
	 *
	 * @param int $most Default 20.
	 */
	$most    = (int) apply_filters( 'runphys_search_most_pings', 20 );
	$changed = runphys_search_pending();
	$bodies  = array();
	if ( count( $changed ) > $most ) {
		$bodies[] = new stdClass(); // {}: the service syncs what changed since its last sync
	} else {
		foreach ( $changed as $post_id ) {
			$bodies[] = array( 'post_id' => (int) $post_id );
		}
	}
	foreach ( $bodies as $body ) {
		wp_remote_post(
			$base . '/api/v1/admin/sync',
			array(
				'blocking'    => false,
				'timeout'     => $timeout,
				'redirection' => 0,
				'user-agent'  => 'runphys-search-wordpress/' . RUNPHYS_SEARCH_VERSION . '; ' . home_url( '/' ),
				'headers'     => array(
					'Authorization' => 'Bearer ' . $token,
					'Content-Type'  => 'application/json',
				),
				'body'        => wp_json_encode( $body ),
			)
		);
	}
}
