/** A few 16px line icons (inline SVG, currentColor); decorative — buttons carry aria-labels. */
const PATHS = {
  up: 'M8 13V3M3.5 7.5 8 3l4.5 4.5',
  down: 'M8 3v10M3.5 8.5 8 13l4.5-4.5',
  edit: 'M10.5 2.5l3 3L6 13H3v-3l7.5-7.5zM9 4l3 3',
  archive: 'M2 3h12v3H2zM3 6v7h10V6M6.5 9h3',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
