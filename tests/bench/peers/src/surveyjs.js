// SurveyJS (survey-core + survey-react-ui) with its default theme's CSS (the fontless one: the other fetches a web font), answers updated as you
// type and checked on every change. It reads its own format (demo/bench-schema.js toSurvey).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import css from 'survey-core/survey-core.fontless.min.css';

export function mount(container, { survey, names, onChange }) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const model = new Model(survey);
  model.textUpdateMode = 'onTyping';
  model.checkErrorsMode = 'onValueChanged';
  model.onValueChanged.add(() => onChange());
  createRoot(container).render(createElement(Survey, { model }));
  // Answers are flat in SurveyJS: a question's name is the last part of the path.
  const find = (path) => {
    const q = model.getQuestionByName(path[path.length - 1]);
    return q ? document.getElementById(q.inputId) : null;
  };
  return { first: () => find(names.first.path), last: () => find(names.last.path) };
}
