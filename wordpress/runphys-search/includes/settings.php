<?php
/**
 * The plugin's settings: one option array, with the wp-config.php constants on top.
 *
 * @package RunPhysSearch
 */

defined( 'ABSPATH' ) || exit;

/** The settings a new install starts from. */
function runphys_search_defaults() {
	return array(
		'service_url'    => '',
		'admin_token'    => '',
		'related_count'  => 4,
		'videos_only'    => true,
		'related_auto'   => true,
		'replace_search' => false,
	);
}

/** The stored settings merged over the defaults (never missing a key). */
function runphys_search_options() {
	$stored = get_option( RUNPHYS_SEARCH_OPTION, array() );
	return array_merge( runphys_search_defaults(), is_array( $stored ) ? $stored : array() );
}

/** One setting by name. */
function runphys_search_option( $name ) {
	$options = runphys_search_options();
	return $options[ $name ];
}

/** The service's base URL without a trailing slash ('' when none is set); RUNPHYS_SERVICE_URL wins. */
function runphys_search_service_url() {
	$url = defined( 'RUNPHYS_SERVICE_URL' ) ? (string) RUNPHYS_SERVICE_URL : (string) runphys_search_option( 'service_url' );
	return untrailingslashit( trim( $url ) );
}

/** The service's admin token ('' when none is set); RUNPHYS_ADMIN_TOKEN wins. */
function runphys_search_admin_token() {
	return defined( 'RUNPHYS_ADMIN_TOKEN' ) ? (string) RUNPHYS_ADMIN_TOKEN : (string) runphys_search_option( 'admin_token' );
}

/** How many related items a list shows (1..50). */
function runphys_search_related_count() {
	return max( 1, min( 50, (int) runphys_search_option( 'related_count' ) ) );
}

/**
 * A token as the settings page may show it: never in full, only that it is set and its last
 * four characters when it is long enough that they give nothing away.
 */
function runphys_search_mask_token( $token ) {
	$token = (string) $token;
	if ( '' === $token ) {
		return '';
	}
	if ( strlen( $token ) < 16 ) {
		return str_repeat( '•', 8 );
	}
	return str_repeat( '•', 8 ) . substr( $token, -4 );
}

/**
 * The settings form's values, cleaned (the Settings API's sanitize callback).
 *
 * An empty token field keeps the stored token (the page never shows it back); the "forget the
 * token" box clears it.
 */
function runphys_search_sanitize( $input ) {
	$old   = runphys_search_options();
	$input = is_array( $input ) ? $input : array();
	$clean = runphys_search_defaults();

	$url = isset( $input['service_url'] ) ? trim( (string) wp_unslash( $input['service_url'] ) ) : '';
	if ( '' !== $url ) {
		$safe  = esc_url_raw( $url, array( 'http', 'https' ) );
		$parts = wp_parse_url( $safe );
		// The service often runs on the same machine or the LAN: any http(s) host is allowed.
		if ( '' === $safe || empty( $parts['host'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			add_settings_error( RUNPHYS_SEARCH_OPTION, 'service_url', __( 'The service URL must be an http(s) address like https://search.example.com, without a query.', 'runphys-search' ) );
			$safe = $old['service_url'];
		}
		$url = untrailingslashit( $safe );
	}
	$clean['service_url'] = $url;

	$token = isset( $input['admin_token'] ) ? trim( (string) wp_unslash( $input['admin_token'] ) ) : '';
	if ( ! empty( $input['forget_token'] ) ) {
		$clean['admin_token'] = '';
	} elseif ( '' === $token ) {
		$clean['admin_token'] = $old['admin_token'];
	} else {
		$clean['admin_token'] = sanitize_text_field( $token );
	}

	$count                  = isset( $input['related_count'] ) ? absint( $input['related_count'] ) : 4;
	$clean['related_count'] = max( 1, min( 50, $count ) );
	foreach ( array( 'videos_only', 'related_auto', 'replace_search' ) as $flag ) {
		$clean[ $flag ] = ! empty( $input[ $flag ] );
	}
	return $clean;
}

/** The option is registered on every request (REST and options.php both need it). */
function runphys_search_register_setting() {
	register_setting(
		'runphys_search',
		RUNPHYS_SEARCH_OPTION,
		array(
			'type'              => 'object',
			'sanitize_callback' => 'runphys_search_sanitize',
			'default'           => runphys_search_defaults(),
			'show_in_rest'      => false,
		)
	);
}
add_action( 'init', 'runphys_search_register_setting' );
