// The plan block in the block editor: its settings in the sidebar, and a plain placeholder on the
// canvas (the builder itself draws on the published page). Plain JavaScript, no build step.
(function (wp) {
  const el = wp.element.createElement;
  const { __ } = wp.i18n;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, TextControl, SelectControl, ToggleControl } = wp.components;
  wp.blocks.registerBlockType('ourplan/plan', {
    edit({ attributes, setAttributes }) {
      return el('div', useBlockProps({ className: 'ourplan-block-placeholder' }),
        el(InspectorControls, null,
          el(PanelBody, { title: __('Plan', 'ourplan') },
            el(TextControl, { label: __('Indicative budget in pounds, like 150.00', 'ourplan'), value: attributes.indicativeBudget, onChange: (indicativeBudget) => setAttributes({ indicativeBudget }) }),
            el(SelectControl, {
              label: __('Budget period', 'ourplan'),
              value: attributes.budgetPeriod,
              options: [
                { label: __('A week', 'ourplan'), value: 'week' },
                { label: __('A month', 'ourplan'), value: 'month' },
                { label: __('A year', 'ourplan'), value: 'year' },
              ],
              onChange: (budgetPeriod) => setAttributes({ budgetPeriod }),
            }),
            el(SelectControl, {
              label: __('Gentle legal checks', 'ourplan'),
              value: attributes.checks,
              options: [
                { label: __('None', 'ourplan'), value: '' },
                { label: __('England (Care Act 2014)', 'ourplan'), value: 'england' },
                { label: __('Wales (Social Services and Well-being (Wales) Act 2014)', 'ourplan'), value: 'wales' },
              ],
              onChange: (checks) => setAttributes({ checks }),
            }),
            el(TextControl, { label: __('Keep drafts on the device under this key (empty: no drafts)', 'ourplan'), value: attributes.storageKey, onChange: (storageKey) => setAttributes({ storageKey }) }),
            el(ToggleControl, { label: __('Easy read: short sentences, larger text and pictures', 'ourplan'), checked: Boolean(attributes.easyRead), onChange: (easyRead) => setAttributes({ easyRead }) }))),
        el('p', null, __('Support plan', 'ourplan')));
    },
    save: () => null,
  });
}(window.wp));
