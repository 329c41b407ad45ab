import { api, ApiError } from '../api';
import { h } from '../dom';
import { statusLine } from '../layout';

/** The owner's form that groups the ticked reports into one study, then redraws the list; it says what happened beside its button. */
export function groupingForm(
  projectId: number,
  selected: Set<number>,
  redraw: () => Promise<void>,
): HTMLElement {
  const status = statusLine();
  const say = (text: string, error = false) => {
    status.classList.toggle('error', error);
    status.textContent = text;
  };
  const studyLabel = h('input', {
    id: 'study-label',
    name: 'label',
    maxlength: 200,
    required: true,
    placeholder: 'e.g. Smith 2021 trial',
  });
  return h(
    'form',
    {
      class: 'inline-form card',
      'aria-label': 'Group reports into a study',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (selected.size === 0) {
          say('Select the reports of one study first.', true);
          return;
        }
        try {
          await api.post(`/api/projects/${projectId}/studies`, {
            label: studyLabel.value.trim(),
            recordIds: [...selected],
          });
          const said = `Grouped ${selected.size} report(s) as the study "${studyLabel.value.trim()}".`;
          selected.clear();
          studyLabel.value = '';
          await redraw();
          say(said);
        } catch (error) {
          say(
            error instanceof ApiError
              ? `The reports were not grouped: ${error.message}`
              : 'The reports were not grouped.',
            true,
          );
        }
      },
    },
    h('label', { for: 'study-label' }, 'Several reports of one study? Select them, name the study:'),
    studyLabel,
    h('button', { type: 'submit' }, 'Group as one study'),
    status,
  );
}
