<?php
/**
 * Talking to the runphys-search service: short timeouts, answers and failures cached.
 *
 * @package RunPhysSearch
 */

defined( 'ABSPATH' ) || exit;

/**
 * GET `$path` (with `$query`) from the service, remembered in a transient.
 *
 * Returns array( 'ok' => bool, 'status' => int, 'body' => string ). A failure (unreachable,
 * timeout, 5xx) is remembered for RUNPHYS_SEARCH_FAILURE_TTL, so a down service costs one timeout
 * a minute, not one per page view; an answer for `$ttl` seconds.
 */
function runphys_search_get( $path, array $query, $ttl, $timeout ) {
	$base = runphys_search_service_url();
	if ( '' === $base ) {
		return array( 'ok' => false, 'status' => 0, 'body' => '' );
	}
	$url = add_query_arg( array_map( 'rawurlencode', $query ), $base . $path );
	$key = RUNPHYS_SEARCH_TRANSIENT_PREFIX . md5( $url );
	$hit = get_transient( $key );
	if ( is_array( $hit ) && isset( $hit['ok'], $hit['status'], $hit['body'] ) ) {
		return $hit;
	}
	$response = wp_remote_get(
		$url,
		array(
			'timeout'     => $timeout,
			'redirection' => 0,
			'user-agent'  => 'runphys-search-wordpress/' . RUNPHYS_SEARCH_VERSION . '; ' . home_url( '/' ),
			'headers'     => array( 'Accept' => 'text/html, application/json' ),
		)
	);
	if ( is_wp_error( $response ) ) {
		$result = array( 'ok' => false, 'status' => 0, 'body' => '' );
	} else {
		$status = (int) wp_remote_retrieve_response_code( $response );
		$result = array(
			'ok'     => 200 === $status,
			'status' => $status,
			'body'   => 200 === $status ? (string) wp_remote_retrieve_body( $response ) : '',
		);
	}
	// A 404 (a post the service has not indexed yet) is an answer, kept as briefly as a failure.
	// `$ttl` 0: answers are not kept (the service remembers them itself), failures still are.
	if ( ! $result['ok'] || $ttl > 0 ) {
		set_transient( $key, $result, $result['ok'] ? $ttl : RUNPHYS_SEARCH_FAILURE_TTL );
	}
	return $result;
}
