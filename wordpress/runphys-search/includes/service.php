<?php
/**
 * Talking to the runphys-search service: short timeouts, answers and failures cached.
 *
 * @package RunPhysSearch
 */

defined( 'ABSPATH' ) || exit;

/** The service's address for `$path` with `$query` ('' when no service is set). */
function runphys_search_url( $path, array $query ) {
	$base = runphys_search_service_url();
	if ( '' === $base ) {
		return '';
	}
	return add_query_arg( array_map( 'rawurlencode', $query ), $base . $path );
}

/**
 * GET `$url` now: array( 'ok' => bool, 'status' => int, 'body' => string ), never a PHP warning.
 * A failure (unreachable, timeout, any status but 200) is `ok` false with an empty body.
 */
function runphys_search_fetch( $url, $timeout ) {
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
		return array( 'ok' => false, 'status' => 0, 'body' => '' );
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	return array(
		'ok'     => 200 === $status,
		'status' => $status,
		'body'   => 200 === $status ? (string) wp_remote_retrieve_body( $response ) : '',
	);
}

/**
 * GET `$path` (with `$query`) from the service, remembered in a transient.
 *
 * A failure is remembered for RUNPHYS_SEARCH_FAILURE_TTL, so a down service costs one timeout a
 * minute, not one per request; an answer for `$ttl` seconds (0: answers are not kept, the service
 * remembers them itself).
 */
function runphys_search_get( $path, array $query, $ttl, $timeout ) {
	$url = runphys_search_url( $path, $query );
	if ( '' === $url ) {
		return array( 'ok' => false, 'status' => 0, 'body' => '' );
	}
	$key = RUNPHYS_SEARCH_TRANSIENT_PREFIX . md5( $url );
	$hit = get_transient( $key );
	if ( is_array( $hit ) && isset( $hit['ok'], $hit['status'], $hit['body'] ) ) {
		return $hit;
	}
	$result = runphys_search_fetch( $url, $timeout );
	if ( ! $result['ok'] || $ttl > 0 ) {
		set_transient( $key, $result, $result['ok'] ? $ttl : RUNPHYS_SEARCH_FAILURE_TTL );
	}
	return $result;
}
