// The record block in the block editor: its settings in the sidebar, and a plain placeholder on
// the canvas (the form itself draws on the published page). Plain JavaScript, no build step.
(function (wp) {
  const el = wp.element.createElement;
  const { __ } = wp.i18n;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, TextControl, SelectControl, ToggleControl } = wp.components;
  wp.blocks.registerBlockType('ourplan/record', {
    edit({ attributes, setAttributes }) {
      return el('div', useBlockProps({ className: 'ourplan-block-placeholder' }),
        el(InspectorControls, null,
          el(PanelBody, { title: __('Record', 'ourplan') },
            el(TextControl, {
              label: __('Schema: a name the plugin ships (what-matters), a media library id, or an address on this site', 'ourplan'),
              value: attributes.schema,
              onChange: (schema) => setAttributes({ schema }),
            }),
            el(TextControl, { label: __('Field name when the page has a form', 'ourplan'), value: attributes.name, onChange: (name) => setAttributes({ name }) }),
            el(SelectControl, {
              label: __('How much to show at first', 'ourplan'),
              value: attributes.level,
              options: [
                { label: __('As the schema says', 'ourplan'), value: '' },
                { label: __('Brief', 'ourplan'), value: 'brief' },
                { label: __('Standard', 'ourplan'), value: 'standard' },
                { label: __('Full', 'ourplan'), value: 'full' },
              ],
              onChange: (level) => setAttributes({ level }),
            }),
            el(TextControl, { label: __('Keep drafts on the device under this key (empty: no drafts)', 'ourplan'), value: attributes.storageKey, onChange: (storageKey) => setAttributes({ storageKey }) }),
            el(ToggleControl, { label: __('Easy read: short sentences, larger text and pictures', 'ourplan'), checked: Boolean(attributes.easyRead), onChange: (easyRead) => setAttributes({ easyRead }) }),
            el(ToggleControl, { label: __('Copies: people can share a copy as a file and combine copies', 'ourplan'), checked: Boolean(attributes.copies), onChange: (copies) => setAttributes({ copies }) }))),
        el('p', null, __('Conversation record', 'ourplan') + ': ' + (attributes.schema || __('no schema chosen', 'ourplan'))));
    },
    save: () => null,
  });
}(window.wp));
