<?php
/**
 * Plugin Name:       RunPhys Search
 * Plugin URI:        https://github.com/runphys/runphys-search
 * Description:       Related videos under every post and WordPress search answered by a runphys-search service; tells the service about every change so its index stays fresh.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            runphys-search
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       runphys-search
 *
 * This program is free software; you can redistribute it and/or modify it under the terms of the
 * GNU General Public License as published by the Free Software Foundation; either version 2 of
 * the License, or (at your option) any later version.
 */

defined( 'ABSPATH' ) || exit;

define( 'RUNPHYS_SEARCH_VERSION', '0.1.0' );
define( 'RUNPHYS_SEARCH_FILE', __FILE__ );
define( 'RUNPHYS_SEARCH_OPTION', 'runphys_search_options' );
// Cached answers: a related list a few minutes, a failure briefly (a down service must not cost
// a timeout on every page view, and must not be remembered long once it is back).
define( 'RUNPHYS_SEARCH_FRAGMENT_TTL', 5 * MINUTE_IN_SECONDS );
define( 'RUNPHYS_SEARCH_FAILURE_TTL', MINUTE_IN_SECONDS );
define( 'RUNPHYS_SEARCH_TRANSIENT_PREFIX', 'runphys_search_' );
// The post meta holding a post's cached related lists (hidden: the underscore keeps it out of
// the editor's custom fields and the REST API).
define( 'RUNPHYS_SEARCH_RELATED_META', '_runphys_search_related' );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/service.php';
require_once __DIR__ . '/includes/related.php';
require_once __DIR__ . '/includes/search.php';
require_once __DIR__ . '/includes/ping.php';

if ( is_admin() ) {
	require_once __DIR__ . '/includes/admin.php';
}

register_activation_hook( __FILE__, 'runphys_search_activate' );

/** Store the defaults once, so the settings page starts from them. */
function runphys_search_activate() {
	add_option( RUNPHYS_SEARCH_OPTION, runphys_search_defaults() );
}
