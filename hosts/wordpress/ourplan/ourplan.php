<?php
/**
 * Plugin Name:       ourplan
 * Plugin URI:        https://github.com/ourplan/ourplan
 * Description:       A conversation record and a support plan the person writes themselves, on your own pages: the [ourplan_record] and [ourplan_plan] shortcodes, and blocks of the same names. English and Welsh. Nothing a person types leaves their browser unless your page sends it.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT OR Apache-2.0
 * Text Domain:       ourplan
 *
 * The plugin ships the kit's built package (pkg/) and its record schemas (schemas/records/). It
 * prints only markup and one module script tag: no inline script or style, so a strict Content
 * Security Policy (script-src 'self') still holds.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const OURPLAN_VERSION = '0.1.0';

/**
 * The kit's module, printed in the footer of pages that show an element, as type="module".
 * WordPress 6.1 predates script modules, so the type is added by the script_loader_tag filter.
 */
function ourplan_register_assets() {
	wp_register_script( 'ourplan', plugins_url( 'pkg/ourplan.js', __FILE__ ), array(), OURPLAN_VERSION, true );
	// Pages with records only: the same kit with the smaller module that leaves out the plan
	// builder (about 140 KiB brotli less to wait for on a first visit).
	wp_register_script( 'ourplan-record', plugins_url( 'pkg/ourplan-record.js', __FILE__ ), array(), OURPLAN_VERSION, true );
}
add_action( 'init', 'ourplan_register_assets' );

/**
 * A page that shows a plan as well as a record loads the whole kit once: the records-only entry
 * is dropped before the footer's scripts are printed (shortcodes enqueue as they are drawn, so
 * only then is the whole page known).
 */
function ourplan_one_entry() {
	if ( wp_script_is( 'ourplan', 'enqueued' ) ) {
		wp_dequeue_script( 'ourplan-record' );
	}
}
add_action( 'wp_print_footer_scripts', 'ourplan_one_entry', 1 );

function ourplan_module_tag( $tag, $handle, $src ) {
	if ( 'ourplan' !== $handle && 'ourplan-record' !== $handle ) {
		return $tag;
	}
	return '<script type="module" src="' . esc_url( $src ) . '"></script>' . "\n";
}
add_filter( 'script_loader_tag', 'ourplan_module_tag', 10, 3 );

/** JSON files may be uploaded to the media library (a record schema of the site's own). */
function ourplan_upload_mimes( $mimes ) {
	if ( current_user_can( 'upload_files' ) ) {
		$mimes['json'] = 'application/json';
	}
	return $mimes;
}
add_filter( 'upload_mimes', 'ourplan_upload_mimes' );

/**
 * The address of a record schema: the name of one the plugin ships ("what-matters"), the id of a
 * JSON file in the media library ("123"), or an address on this site. Another site's address
 * only when the site's admin allows that host with the `ourplan_schema_hosts` filter. Anything
 * else gives an empty string, and the element says it has no form.
 */
function ourplan_schema_url( $schema ) {
	$schema = trim( (string) $schema );
	if ( '' === $schema ) {
		return '';
	}
	if ( ctype_digit( $schema ) ) {
		$url = wp_get_attachment_url( (int) $schema );
		return ( $url && 'application/json' === get_post_mime_type( (int) $schema ) ) ? $url : '';
	}
	if ( preg_match( '/^[a-z0-9-]+$/', $schema ) ) {
		$file = 'schemas/records/' . $schema . '.schema.json';
		return file_exists( __DIR__ . '/' . $file ) ? plugins_url( $file, __FILE__ ) : '';
	}
	$host    = wp_parse_url( $schema, PHP_URL_HOST );
	$scheme  = wp_parse_url( $schema, PHP_URL_SCHEME );
	$allowed = apply_filters( 'ourplan_schema_hosts', array( wp_parse_url( home_url(), PHP_URL_HOST ) ) );
	if ( in_array( $scheme, array( 'http', 'https' ), true ) && in_array( $host, (array) $allowed, true ) ) {
		return $schema;
	}
	return '';
}

/** ` name="value"` for each attribute that has a value, escaped. */
function ourplan_attributes( $attributes ) {
	$out = '';
	foreach ( $attributes as $name => $value ) {
		if ( null === $value || '' === $value || false === $value ) {
			continue;
		}
		$out .= ' ' . $name . ( true === $value ? '' : '="' . esc_attr( $value ) . '"' );
	}
	return $out;
}

/** The language of the element: `lang` if given, else Welsh on a Welsh site, else none. */
function ourplan_lang( $lang ) {
	$lang = strtolower( trim( (string) $lang ) );
	if ( in_array( $lang, array( 'en', 'cy' ), true ) ) {
		return $lang;
	}
	return 0 === strpos( get_locale(), 'cy' ) ? 'cy' : '';
}

/** Whether a shortcode's yes/no setting is on: present and not "no", "false", "0" or "off". */
function ourplan_on( $value ) {
	return '' !== $value && ! in_array( strtolower( trim( (string) $value ) ), array( 'no', 'false', '0', 'off' ), true );
}

/**
 * [ourplan_record schema="what-matters" name="record" level="standard" lang="cy" storage_key="…" easy_read="yes" copies="yes"]
 *
 * copies="yes" adds the record's copies panel: the person shares a copy as a file and combines
 * one someone sends back, with no server between them.
 */
function ourplan_record_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'schema'      => '',
			'name'        => 'record',
			'level'       => '',
			'lang'        => '',
			'storage_key' => '',
			'readonly'    => '',
			'easy_read'   => '',
			'copies'      => '',
		),
		$atts,
		'ourplan_record'
	);
	$schema_url = ourplan_schema_url( $atts['schema'] );
	if ( '' === $schema_url ) {
		// No form rather than one that never arrives; an editor is told why.
		$why = current_user_can( 'edit_posts' )
			? ' ' . sprintf(
				/* translators: %s: the schema the shortcode or block named */
				esc_html__( '(For editors: the schema “%s” is not one the plugin ships, a JSON file in the media library, or an address on this site. Another site’s address needs the ourplan_schema_hosts filter.)', 'ourplan' ),
				esc_html( $atts['schema'] )
			)
			: '';
		return '<p class="ourplan-notice">' . esc_html__( 'This form is not ready yet. Please contact us by phone or email.', 'ourplan' ) . $why . '</p>';
	}
	wp_enqueue_script( 'ourplan-record' );
	$attributes = array(
		'schema-src'  => $schema_url,
		'name'        => sanitize_key( $atts['name'] ),
		'level'       => in_array( $atts['level'], array( 'brief', 'standard', 'full' ), true ) ? $atts['level'] : '',
		'lang'        => ourplan_lang( $atts['lang'] ),
		'storage-key' => sanitize_text_field( $atts['storage_key'] ),
		'readonly'    => '' !== $atts['readonly'],
		'easy-read'   => ourplan_on( $atts['easy_read'] ),
		'copies'      => ourplan_on( $atts['copies'] ),
	);
	return '<ourplan-record' . ourplan_attributes( $attributes ) . '><p>'
		. esc_html__( 'This form needs a newer web browser. You can also contact us by phone or email.', 'ourplan' )
		. '</p></ourplan-record>';
}
add_shortcode( 'ourplan_record', 'ourplan_record_shortcode' );

/**
 * [ourplan_plan indicative_budget="150.00" budget_period="week" checks="wales" name="plan" storage_key="…" easy_read="yes"]
 */
function ourplan_plan_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'indicative_budget' => '',
			'budget_period'     => '',
			'checks'            => '',
			'name'              => 'plan',
			'lang'              => '',
			'storage_key'       => '',
			'readonly'          => '',
			'easy_read'         => '',
		),
		$atts,
		'ourplan_plan'
	);
	wp_enqueue_script( 'ourplan' );
	$budget     = preg_match( '/^\d{1,7}(\.\d{1,2})?$/', trim( $atts['indicative_budget'] ) ) ? trim( $atts['indicative_budget'] ) : '';
	$attributes = array(
		'indicative-budget' => $budget,
		'budget-period'     => in_array( $atts['budget_period'], array( 'week', 'month', 'year' ), true ) ? $atts['budget_period'] : '',
		'checks'            => in_array( $atts['checks'], array( 'england', 'wales' ), true ) ? $atts['checks'] : '',
		'name'              => sanitize_key( $atts['name'] ),
		'lang'              => ourplan_lang( $atts['lang'] ),
		'storage-key'       => sanitize_text_field( $atts['storage_key'] ),
		'readonly'          => '' !== $atts['readonly'],
		'easy-read'         => ourplan_on( $atts['easy_read'] ),
	);
	return '<ourplan-plan' . ourplan_attributes( $attributes ) . '><p>'
		. esc_html__( 'The plan builder needs a newer web browser.', 'ourplan' )
		. '</p></ourplan-plan>';
}
add_shortcode( 'ourplan_plan', 'ourplan_plan_shortcode' );

/** The blocks: the same elements, their settings in the block's sidebar, drawn by the shortcodes. */
function ourplan_register_blocks() {
	register_block_type( __DIR__ . '/blocks/record' );
	register_block_type( __DIR__ . '/blocks/plan' );
}
add_action( 'init', 'ourplan_register_blocks' );
