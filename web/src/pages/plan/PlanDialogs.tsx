import { api, type Plan } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MeasureFormDialog } from '../../components/MeasureForm';
import { PlanFormDialog } from '../../components/PlanForm';
import { formatSectionHeading } from '../../format';
import { type Loaded } from '../../hooks';
import { ApproveDialog } from './ApproveDialog';
import { SectionDialog } from './SectionDialog';
import { type DialogState } from './plan-view';

/** The dialog open on the plan page, if any: each saves, then tells the page what happened. */
export function PlanDialogs({
  dialog,
  setDialog,
  p,
  plan,
  flash,
  activate,
}: {
  dialog: DialogState;
  setDialog(d: DialogState): void;
  p: Plan;
  plan: Loaded<Plan>;
  flash(text: string): void;
  activate(controlFrom: string): Promise<void>;
}) {
  const council = p.kind === 'council_decisions';
  return (
    <>
      {dialog?.type === 'header' && (
        <PlanFormDialog
          plan={p}
          onClose={() => setDialog(null)}
          onSubmit={async (patch) => {
            const updated = await api.updatePlan(p.id, { ...patch, version: p.version });
            setDialog(null);
            plan.setData({
              ...p,
              ...updated,
              sections: updated.sections ?? p.sections,
              measures: updated.measures ?? p.measures,
            });
            flash('Реквизиты плана сохранены.');
            void plan.reload();
          }}
        />
      )}
      {dialog?.type === 'approve' && <ApproveDialog plan={p} onApprove={activate} onClose={() => setDialog(null)} />}
      {dialog?.type === 'archivePlan' && (
        <ConfirmDialog
          title="Перенести план в архив?"
          message={<p>План «{p.title}» перестанет показываться в списке. Данные и история сохранятся.</p>}
          confirmLabel="В архив"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.archivePlan(p.id);
            flash('План перенесён в архив.');
            await plan.reload();
          }}
        />
      )}
      {dialog?.type === 'section' && (
        <SectionDialog
          section={dialog.section}
          council={council}
          suggestedNumber={String(p.sections.length + 1)}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            if (dialog.section) await api.updateSection(dialog.section.id, input);
            else await api.createSection(p.id, input);
            setDialog(null);
            flash(dialog.section ? 'Раздел изменён.' : 'Раздел добавлен.');
            await plan.reload();
          }}
        />
      )}
      {dialog?.type === 'deleteSection' && (
        <ConfirmDialog
          title="Удалить раздел?"
          message={<p>Раздел «{formatSectionHeading(dialog.section.number, dialog.section.title)}» будет удалён.</p>}
          confirmLabel="Удалить"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteSection(dialog.section.id);
            flash('Раздел удалён.');
            await plan.reload();
          }}
        />
      )}
      {dialog?.type === 'measure' && (
        <MeasureFormDialog
          plan={p}
          measure={dialog.measure}
          defaultSectionId={dialog.sectionId}
          onClose={() => setDialog(null)}
          onSaved={(m) => {
            setDialog(null);
            flash(dialog.measure ? `Мероприятие ${m.number} сохранено.` : `Мероприятие ${m.number} добавлено.`);
            void plan.reload();
          }}
        />
      )}
      {dialog?.type === 'archiveMeasure' && (
        <ConfirmDialog
          title="Перенести мероприятие в архив?"
          message={
            <p>
              Мероприятие {dialog.measure.number} «{dialog.measure.title}» будет скрыто из плана. История сохранится.
            </p>
          }
          confirmLabel="В архив"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.archiveMeasure(dialog.measure.id);
            flash(`Мероприятие ${dialog.measure.number} перенесено в архив.`);
            await plan.reload();
          }}
        />
      )}
    </>
  );
}
