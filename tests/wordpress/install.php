<?php
// Installs the test site and its pages (tests/e2e/wordpress.spec.mjs), from the command line:
// php install.php PORT. Prints {"record": url, "plan": url, "block": url, "hostile": url}.
$port                    = $argv[1];
$_SERVER['HTTP_HOST']    = "127.0.0.1:$port";
$_SERVER['REQUEST_URI']  = '/';
$_SERVER['SERVER_NAME']  = '127.0.0.1';
$_SERVER['SERVER_PORT']  = $port;
define( 'WP_INSTALLING', true );
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// The admin's password is the test's own (a site on 127.0.0.1 for the length of one test run).
$installed = wp_install( 'ourplan test site', 'admin', 'admin@example.org', false, '', 'ourplan-test-admin' );
if ( is_wp_error( $installed ) ) {
	fwrite( STDERR, $installed->get_error_message() . "\n" );
	exit( 1 );
}
switch_theme( 'ourplan-test' );
$activated = activate_plugin( 'ourplan/ourplan.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, 'activate: ' . $activated->get_error_message() . "\n" );
	exit( 1 );
}
// A schema of the site's own, uploaded to the media library as an editor would: sideloaded
// through WordPress's upload checks, which refuse .json unless the plugin allows it.
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
wp_set_current_user( 1 );
$copy = wp_tempnam( 'review-note.schema.json' );
copy( dirname( __DIR__, 2 ) . '/schemas/records/review-note.schema.json', $copy );
$media = media_handle_sideload( array( 'name' => 'review-note.schema.json', 'tmp_name' => $copy ), 0 );
if ( is_wp_error( $media ) ) {
	fwrite( STDERR, 'upload: ' . $media->get_error_message() . "\n" );
	exit( 1 );
}
$pages = array(
	'media'   => array( 'A record from the media library', '[ourplan_record schema="' . $media . '" level="full"]' ),
	'record'  => array( 'What matters to you', '[ourplan_record schema="what-matters" level="standard"]' ),
	'plan'    => array( 'Your support plan', '[ourplan_plan indicative_budget="150.00" budget_period="week" checks="wales" lang="cy"]' ),
	'block'   => array( 'A record from the block', '<!-- wp:ourplan/record {"schema":"what-matters","level":"full","easyRead":true} /-->' ),
	'easy'    => array( 'Your plan, in easy read', '[ourplan_plan easy_read="yes"] [ourplan_record schema="what-matters" easy_read="no" copies="yes"]' ),
	'hostile' => array( 'Hostile attributes', '[ourplan_record schema="what-matters" name="x&quot; onmouseover=&quot;alert(1)" storage_key="<script>alert(1)</script>"] [ourplan_record schema="https://elsewhere.example/x.json"]' ),
);
$out = array();
foreach ( $pages as $key => list( $title, $content ) ) {
	$id = wp_insert_post(
		array(
			'post_title'   => $title,
			'post_content' => $content,
			'post_status'  => 'publish',
			'post_type'    => 'page',
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() . "\n" );
		exit( 1 );
	}
	$out[ $key ] = get_permalink( $id );
}
echo wp_json_encode( $out ), "\n";
