/** Styles shared by several parts of the tab. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useSharedStyles = makeStyles({
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  },
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  centred: {
    maxWidth: '40rem',
    margin: '0 auto',
    padding: tokens.spacingVerticalXXL + ' ' + tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  /** A definition list drawn as label / value rows. */
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: '0',
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: '0', overflowWrap: 'anywhere' },
    // On a phone each label sits above its value, so values keep the whole width.
    '@media (max-width: 599.98px)': {
      gridTemplateColumns: '1fr',
      rowGap: '0',
      '& dd': { marginBottom: tokens.spacingVerticalS },
    },
  },
});
