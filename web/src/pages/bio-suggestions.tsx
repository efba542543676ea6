/**
 * What a bio says about sectors and interests, read by the server's thesaurus in any of the
 * programme's languages, offered as one press that ticks them: sectors as sectors, interests as
 * what one seeks (the lists above stay editable).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Term } from '../api';
import { locale, t } from '../i18n';

interface Suggestion {
  sectors: string[];
  interests: string[];
}

/** Wait for a pause in typing before asking. */
const PAUSE_MS = 400;

export function BioSuggestions(props: {
  bio: string;
  terms: { sectors: Term[]; interests: Term[] };
  sectors: string[];
  offers: string[];
  seeks: string[];
  onAdd: (added: { sectors: string[]; seeks: string[] }) => void;
}) {
  const [read, setRead] = useState<Suggestion>({ sectors: [], interests: [] });
  const [added, setAdded] = useState(false);
  useEffect(() => {
    const text = props.bio.trim();
    if (!text) {
      setRead({ sectors: [], interests: [] });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<Suggestion>('POST', '/api/taxonomy/suggest', { text }).then(
        (s) => current && setRead(s),
        () => {}, // a suggestion is a help, not a step: nothing to say if it fails
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [props.bio]);

  const sectors = read.sectors.filter((id) => !props.sectors.includes(id));
  const seeks = read.interests.filter((id) => !props.offers.includes(id) && !props.seeks.includes(id));
  const label = (terms: Term[], id: string) => terms.find((x) => x.id === id)?.label[locale.value] ?? id;

  return (
    <div aria-live="polite">
      {sectors.length + seeks.length > 0 ? (
        <div class="notice bio-suggestions">
          <p>{t('suggestTitle')}</p>
          <ul class="chips">
            {sectors.map((id) => (
              <li key={`s-${id}`} class="tag">
                {t('suggestSector', { name: label(props.terms.sectors, id) })}
              </li>
            ))}
            {seeks.map((id) => (
              <li key={`i-${id}`} class="tag">
                {t('suggestSeek', { name: label(props.terms.interests, id) })}
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              props.onAdd({ sectors, seeks });
              setAdded(true);
            }}
          >
            {t('suggestAdd')}
          </button>
        </div>
      ) : (
        added && <p class="muted">{t('suggestAdded')}</p>
      )}
    </div>
  );
}
