<?php
/**
 * Settings → RunPhys Search, through the Settings API (options.php checks the nonce and
 * manage_options; the page itself refuses anyone else).
 *
 * @package RunPhysSearch
 */

defined( 'ABSPATH' ) || exit;

/** The menu entry under Settings. */
function runphys_search_admin_menu() {
	add_options_page(
		__( 'RunPhys Search', 'runphys-search' ),
		__( 'RunPhys Search', 'runphys-search' ),
		'manage_options',
		'runphys-search',
		'runphys_search_settings_page'
	);
}
add_action( 'admin_menu', 'runphys_search_admin_menu' );

/** The page's sections and fields. */
function runphys_search_admin_init() {
	add_settings_section( 'runphys_search_service', __( 'Service', 'runphys-search' ), 'runphys_search_service_intro', 'runphys-search' );
	add_settings_field( 'runphys_search_service_url', __( 'Service URL', 'runphys-search' ), 'runphys_search_field_service_url', 'runphys-search', 'runphys_search_service', array( 'label_for' => 'runphys_search_service_url' ) );
	add_settings_field( 'runphys_search_admin_token', __( 'Admin token', 'runphys-search' ), 'runphys_search_field_admin_token', 'runphys-search', 'runphys_search_service', array( 'label_for' => 'runphys_search_admin_token' ) );
	add_settings_section( 'runphys_search_display', __( 'On the site', 'runphys-search' ), '__return_false', 'runphys-search' );
	add_settings_field( 'runphys_search_related_count', __( 'Related items', 'runphys-search' ), 'runphys_search_field_related_count', 'runphys-search', 'runphys_search_display', array( 'label_for' => 'runphys_search_related_count' ) );
	add_settings_field( 'runphys_search_flags', __( 'Options', 'runphys-search' ), 'runphys_search_field_flags', 'runphys-search', 'runphys_search_display' );
}
add_action( 'admin_init', 'runphys_search_admin_init' );

/** Whether the service answers /readyz right now (shown on the page; one short request). */
function runphys_search_service_status() {
	$base = runphys_search_service_url();
	if ( '' === $base ) {
		return array( false, __( 'No service URL set: the plugin does nothing yet.', 'runphys-search' ) );
	}
	$response = wp_remote_get( $base . '/readyz', array( 'timeout' => 2, 'redirection' => 0 ) );
	if ( is_wp_error( $response ) ) {
		/* translators: %s: the error */
		return array( false, sprintf( __( 'The service cannot be reached: %s', 'runphys-search' ), $response->get_error_message() ) );
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	if ( 200 !== $status ) {
		/* translators: %d: an HTTP status code */
		return array( false, sprintf( __( 'The service answered HTTP %d.', 'runphys-search' ), $status ) );
	}
	return array( true, __( 'The service is up.', 'runphys-search' ) );
}

function runphys_search_service_intro() {
	list( $ok, $message ) = runphys_search_service_status();
	printf(
		'<p class="runphys-search-status"><span class="dashicons %1$s" aria-hidden="true"></span> %2$s</p>',
		esc_attr( $ok ? 'dashicons-yes-alt' : 'dashicons-warning' ),
		esc_html( $message )
	);
}

/** A note that a wp-config.php constant decides this field. */
function runphys_search_constant_note( $constant ) {
	printf(
		'<p class="description">%s</p>',
		/* translators: %s: a constant's name */
		esc_html( sprintf( __( 'Set by %s in wp-config.php; this field is ignored.', 'runphys-search' ), $constant ) )
	);
}

function runphys_search_field_service_url() {
	$fixed = defined( 'RUNPHYS_SERVICE_URL' );
	printf(
		'<input type="url" class="regular-text code" id="runphys_search_service_url" name="%1$s[service_url]" value="%2$s" placeholder="https://search.example.com"%3$s>',
		esc_attr( RUNPHYS_SEARCH_OPTION ),
		esc_attr( $fixed ? runphys_search_service_url() : runphys_search_option( 'service_url' ) ),
		$fixed ? ' readonly' : ''
	);
	if ( $fixed ) {
		runphys_search_constant_note( 'RUNPHYS_SERVICE_URL' );
	} else {
		echo '<p class="description">' . esc_html__( 'Where runphys serve answers, e.g. https://search.example.com.', 'runphys-search' ) . '</p>';
	}
}

function runphys_search_field_admin_token() {
	if ( defined( 'RUNPHYS_ADMIN_TOKEN' ) ) {
		echo '<input type="password" class="regular-text" id="runphys_search_admin_token" value="" placeholder="' . esc_attr( runphys_search_mask_token( RUNPHYS_ADMIN_TOKEN ) ) . '" readonly autocomplete="off">';
		runphys_search_constant_note( 'RUNPHYS_ADMIN_TOKEN' );
		return;
	}
	$stored = (string) runphys_search_option( 'admin_token' );
	// The stored token is never sent back to the browser: an empty field keeps it.
	printf(
		'<input type="password" class="regular-text" id="runphys_search_admin_token" name="%1$s[admin_token]" value="" placeholder="%2$s" autocomplete="new-password">',
		esc_attr( RUNPHYS_SEARCH_OPTION ),
		esc_attr( '' === $stored ? '' : runphys_search_mask_token( $stored ) )
	);
	if ( '' !== $stored ) {
		printf(
			'<p><label><input type="checkbox" name="%1$s[forget_token]" value="1"> %2$s</label></p>',
			esc_attr( RUNPHYS_SEARCH_OPTION ),
			esc_html__( 'Forget the stored token', 'runphys-search' )
		);
	}
	echo '<p class="description">' . esc_html__( 'The service\'s RUNPHYS_ADMIN_TOKEN: lets this site tell the service which post changed. Leave empty to keep the stored one.', 'runphys-search' ) . '</p>';
}

function runphys_search_field_related_count() {
	printf(
		'<input type="number" class="small-text" min="1" max="50" id="runphys_search_related_count" name="%1$s[related_count]" value="%2$d">',
		esc_attr( RUNPHYS_SEARCH_OPTION ),
		(int) runphys_search_related_count()
	);
}

function runphys_search_field_flags() {
	$flags = array(
		'videos_only'    => __( 'Related list: videos only', 'runphys-search' ),
		'related_auto'   => __( 'Show the related list under every post', 'runphys-search' ),
		'replace_search' => __( 'Answer WordPress search with the service (WordPress searches by itself when the service is down)', 'runphys-search' ),
	);
	echo '<fieldset>';
	foreach ( $flags as $name => $label ) {
		printf(
			'<label><input type="checkbox" name="%1$s[%2$s]" value="1"%3$s> %4$s</label><br>',
			esc_attr( RUNPHYS_SEARCH_OPTION ),
			esc_attr( $name ),
			checked( (bool) runphys_search_option( $name ), true, false ),
			esc_html( $label )
		);
	}
	echo '</fieldset>';
	echo '<p class="description">' . esc_html__( 'The shortcode [runphys_related limit="4"] shows the list anywhere.', 'runphys-search' ) . '</p>';
}

/** The page. */
function runphys_search_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'runphys-search' ), 403 );
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<form method="post" action="' . esc_url( admin_url( 'options.php' ) ) . '">';
	settings_fields( 'runphys_search' );
	do_settings_sections( 'runphys-search' );
	submit_button();
	echo '</form></div>';
}

/** "Settings" next to Deactivate on the Plugins screen. */
function runphys_search_action_links( $links ) {
	array_unshift( $links, '<a href="' . esc_url( admin_url( 'options-general.php?page=runphys-search' ) ) . '">' . esc_html__( 'Settings', 'runphys-search' ) . '</a>' );
	return $links;
}
add_filter( 'plugin_action_links_' . plugin_basename( RUNPHYS_SEARCH_FILE ), 'runphys_search_action_links' );
