<?php
/** The record block, drawn as the [ourplan_record] shortcode is. */
if ( ! defined( 'ABSPATH' ) ) {
	exit;
}
echo ourplan_record_shortcode( // phpcs:ignore WordPress.Security.EscapeOutput -- escaped inside.
	array(
		'schema'      => $attributes['schema'] ?? '',
		'name'        => $attributes['name'] ?? 'record',
		'level'       => $attributes['level'] ?? '',
		'storage_key' => $attributes['storageKey'] ?? '',
		'easy_read'   => empty( $attributes['easyRead'] ) ? '' : 'yes',
		'copies'      => empty( $attributes['copies'] ) ? '' : 'yes',
	)
);
