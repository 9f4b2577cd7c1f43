<?php
// PHP's built-in server in front of Debian's WordPress for the test (tests/e2e/wordpress.spec.mjs):
// /wp-content/ comes from the test site's own folder (OURPLAN_WP_CONTENT), existing files are
// served as they are, and everything else goes to WordPress.
$path    = rawurldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
$content = getenv( 'OURPLAN_WP_CONTENT' );
if ( 0 === strpos( $path, '/wp-content/' ) ) {
	$file = realpath( $content . substr( $path, strlen( '/wp-content' ) ) );
	if ( false === $file || 0 !== strpos( $file, realpath( $content ) . '/' ) && 0 !== strpos( $file, realpath( getenv( 'OURPLAN_ROOT' ) ) . '/' ) || ! is_file( $file ) ) {
		http_response_code( 404 );
		return true;
	}
	$types = array(
		'js'   => 'text/javascript',
		'css'  => 'text/css',
		'json' => 'application/json',
		'wasm' => 'application/wasm',
		'svg'  => 'image/svg+xml',
		'png'  => 'image/png',
		'php'  => null,
	);
	$ext = strtolower( pathinfo( $file, PATHINFO_EXTENSION ) );
	if ( ! array_key_exists( $ext, $types ) || null === $types[ $ext ] ) {
		http_response_code( 403 );
		return true;
	}
	header( 'Content-Type: ' . $types[ $ext ] );
	header( 'Content-Length: ' . filesize( $file ) );
	readfile( $file );
	return true;
}
if ( '/' !== $path && is_file( $_SERVER['DOCUMENT_ROOT'] . $path ) ) {
	return false;
}
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
