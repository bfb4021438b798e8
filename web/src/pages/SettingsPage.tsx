/** The user's reminder settings: e-mail on/off and how many days before a date. */
import { useEffect, useState } from 'react';
import { errorMessage } from '../api';
import { ApiTokens } from '../components/ApiTokens';
import { Alert, Loading, PageHeading, useTitle } from '../components/ui';
import { execution } from '../execution';
import { useApiQuery } from '../hooks';

export function SettingsPage() {
  useTitle('Настройки');
  const s = useApiQuery(['settings'], () => execution.settings());
  const [enabled, setEnabled] = useState(true);
  const [days, setDays] = useState(3);
  const [phone, setPhone] = useState('');
  const [position, setPosition] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (s.data) {
      setEnabled(s.data.notifyEnabled);
      setDays(s.data.notifyDaysBefore);
      setPhone(s.data.phone ?? '');
      setPosition(s.data.position ?? '');
    }
  }, [s.data]);
  if (!s.data) return s.error ? <Alert>{s.error}</Alert> : <Loading />;
  return (
    <section className="page">
      <PageHeading>Настройки</PageHeading>
      <h2 className="section-heading">Напоминания по электронной почте</h2>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await execution.saveSettings({
              notifyEnabled: enabled,
              notifyDaysBefore: days,
              phone: phone.trim(),
              position: position.trim(),
            });
            setMsg({ ok: true, text: 'Настройки сохранены.' });
          } catch (err) {
            setMsg({ ok: false, text: errorMessage(err) });
          }
        }}
      >
        <p className="muted">Письма приходят на {s.data.email ?? 'адрес не указан — обратитесь к администратору'}.</p>
        <label>
          <input
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            data-testid="notify-enabled"
          />{' '}
          Присылать напоминания о сроках по электронной почте
        </label>
        <label htmlFor="notify-days">За сколько дней напоминать</label>
        <input
          id="notify-days"
          type="number"
          min={0}
          max={30}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        />
        <h2 className="section-heading">Для сводных отчётов</h2>
        <p className="muted small">
          Печатаются внизу выгружаемой «Информации об исполнении»: «Исполнитель: …, тел. …».
        </p>
        <label htmlFor="my-position">Должность</label>
        <input
          id="my-position"
          value={position}
          maxLength={300}
          onChange={(e) => setPosition(e.target.value)}
          data-testid="my-position"
        />
        <label htmlFor="my-phone">Телефон</label>
        <input
          id="my-phone"
          type="tel"
          value={phone}
          maxLength={60}
          placeholder="8 (8142) 71-20-15"
          onChange={(e) => setPhone(e.target.value)}
          data-testid="my-phone"
        />
        <button type="submit" className="btn btn-primary">
          Сохранить
        </button>
        {msg && <Alert kind={msg.ok ? 'success' : 'error'}>{msg.text}</Alert>}
      </form>
      <ApiTokens />
    </section>
  );
}
