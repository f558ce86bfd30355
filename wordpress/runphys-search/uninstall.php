<?php
/**
 * Uninstalling RunPhys Search: its settings and its cached answers (transients, the posts' cached related lists) go; nothing else is touched.
 *
 * @package RunPhysSearch
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'runphys_search_options' );
delete_post_meta_by_key( '_runphys_search_related' );

global $wpdb;
$runphys_search_like = array(
	$wpdb->esc_like( '_transient_runphys_search_' ) . '%',
	$wpdb->esc_like( '_transient_timeout_runphys_search_' ) . '%',
);
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $runphys_search_like[0], $runphys_search_like[1] ) );
