<?php
// The page title in <title>.
add_action( 'after_setup_theme', function () {
	add_theme_support( 'title-tag' );
} );
add_action( 'wp_enqueue_scripts', function () {
	wp_enqueue_style( 'ourplan-test', get_stylesheet_uri(), array(), '0.1.0' );
} );
