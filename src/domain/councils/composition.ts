/**
 * A council's composition on a date and the quorum of a meeting held that day. Pure: the
 * service loads the memberships and the attendance, this decides.
 */

export type QuorumRule = 'half' | 'two_thirds';

export interface Membership {
  id: number;
  fromDate: string;
  /** The last day of membership; null while it lasts. */
  toDate: string | null;
}

/** The memberships in force on `date` (ISO): started on or before it, not ended before it. */
export function membersOn<M extends Membership>(members: M[], date: string): M[] {
  return members.filter((m) => m.fromDate <= date && (m.toDate === null || m.toDate >= date));
}

export interface Quorum {
  /** Members of the council on the meeting's date. */
  members: number;
  /** Of them, present. */
  present: number;
  /** The least number present for the meeting to be competent. */
  needed: number;
  reached: boolean;
}

/**
 * Whether the members present make a quorum. «Заседание правомочно, если на нём присутствует
 * более половины членов» is the usual rule of a council's regulation; some require two thirds.
 * Attendance of someone who was not a member on that date does not count.
 * @example quorumOf([{id:1,…},{id:2,…},{id:3,…}], [1, 2], '2024-03-15', 'half') // { members: 3, present: 2, needed: 2, reached: true }
 */
export function quorumOf(members: Membership[], presentIds: number[], date: string, rule: QuorumRule): Quorum {
  const inForce = membersOn(members, date);
  const ids = new Set(inForce.map((m) => m.id));
  const present = new Set(presentIds.filter((id) => ids.has(id))).size;
  const total = inForce.length;
  const needed = rule === 'half' ? Math.floor(total / 2) + 1 : Math.ceil((total * 2) / 3);
  return { members: total, present, needed, reached: total > 0 && present >= needed };
}

/**
 * The protocol point of a decision as the execution reports cite it (seed 001:
 * «пункт 5 вопроса № 2»).
 * @example protocolPoint('1.2', 'II') // 'пункт 1.2 вопроса № II'
 */
export function protocolPoint(decision: string, question: string | null): string {
  return question ? `пункт ${decision} вопроса № ${question}` : `пункт ${decision}`;
}

/**
 * Numbers for a meeting's decisions that are unique within the meeting: as printed when they
 * are («1.1», «2.3»); where numbering restarts under each question, every number is
 * prefixed with its question («I.1», «II.1», «II.2»).
 * @example instructionNumbers([{number:'1',section:'I'},{number:'1',section:'II'}]) // ['I.1', 'II.1']
 */
export function instructionNumbers(items: { number: string; section: string | null }[]): string[] {
  const restarts = new Set(items.map((i) => i.number)).size < items.length;
  return items.map((i) => (restarts && i.section ? `${i.section}.${i.number}` : i.number));
}

const GENITIVE_NOUNS: [RegExp, string][] = [
  [/^совет$/i, 'совета'],
  [/^комиссия$/i, 'комиссии'],
  [/^группа$/i, 'группы'],
  [/^комитет$/i, 'комитета'],
  [/^штаб$/i, 'штаба'],
];

function keepCase(word: string, form: string): string {
  return word[0] === word[0].toUpperCase() ? form[0].toUpperCase() + form.slice(1) : form;
}

/**
 * A council's name in the genitive, for «Информация об исполнении решений …»: the adjectives
 * before the head noun and the noun change, the rest («по вопросам …») stays. Written by hand:
 * the names follow a handful of patterns («Координационный совет», «Межведомственная
 * комиссия», «Рабочая группа»), and a full morphological dictionary is not worth loading for
 * them; a name of another shape is returned as it is, in quotes.
 * @example councilGenitive('Координационный совет по поддержке НКО') // 'Координационного совета по поддержке НКО'
 */
export function councilGenitive(name: string): string {
  const words = name.trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length && i < 4; i++) {
    const w = words[i];
    const noun = GENITIVE_NOUNS.find(([re]) => re.test(w));
    if (noun) return [...out, keepCase(w, noun[1]), ...words.slice(i + 1)].join(' ');
    let adj: string | null = null;
    if (/ый$/i.test(w) || /ой$/i.test(w)) adj = w.slice(0, -2) + 'ого';
    else if (/[кгхжшчщ]ий$/i.test(w)) adj = w.slice(0, -2) + 'ого';
    else if (/ий$/i.test(w)) adj = w.slice(0, -2) + 'его';
    else if (/[жшчщ]ая$/i.test(w)) adj = w.slice(0, -2) + 'ей';
    else if (/ая$/i.test(w)) adj = w.slice(0, -2) + 'ой';
    else if (/яя$/i.test(w)) adj = w.slice(0, -2) + 'ей';
    if (!adj) break;
    out.push(adj);
  }
  return `«${name.trim()}»`;
}
