<?php
/** The plan block, drawn as the [ourplan_plan] shortcode is. */
if ( ! defined( 'ABSPATH' ) ) {
	exit;
}
echo ourplan_plan_shortcode( // phpcs:ignore WordPress.Security.EscapeOutput -- escaped inside.
	array(
		'indicative_budget' => $attributes['indicativeBudget'] ?? '',
		'budget_period'     => $attributes['budgetPeriod'] ?? '',
		'checks'            => $attributes['checks'] ?? '',
		'name'              => $attributes['name'] ?? 'plan',
		'storage_key'       => $attributes['storageKey'] ?? '',
		'easy_read'         => empty( $attributes['easyRead'] ) ? '' : 'yes',
	)
);
