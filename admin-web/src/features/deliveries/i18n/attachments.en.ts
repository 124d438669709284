import type { AttachmentsTranslation } from './attachments.ja';

/** English texts of a delivery's form and mail; `attachments.ja.ts` is the source. */
export const attachmentsEn: AttachmentsTranslation = {
  attachments: {
    form: {
      title: 'Form (survey or application)',
      label: 'Form to carry',
      hint: 'A delivery carrying a form goes to segments or a list of residents only, never to every friend. Choosing one adds a link card to the form at the end of each language.',
      placeholder: 'None',
      option: '{{title}} ({{access}})',
      lineOnly: 'answered in LINE only',
      browser: 'browsers too',
      noForms: 'No form is open for answers.',
      unavailable: 'You may not read forms, so you cannot choose one. A saved choice is kept.',
      unknownForm: '(a form you cannot see)',
      cardInserted: 'Added a link card to the form.',
      removeHint: 'Removing the form keeps the card you added; delete it from the messages if it is not needed.',
      notForAll: 'A delivery carrying a form cannot go to every friend. Choose segments or a list (FORM-08).',
    },
    mail: {
      title: 'Also by mail (for residents without LINE)',
      lists: 'Mail lists',
      listsHint:
        'When the real send starts, the confirmed subscribers of these lists get the Japanese content by mail, once each (up to {{max}} lists). Test sends mail nobody.',
      listsPlaceholder: 'No mail',
      listOption: '{{name}} ({{n}})',
      unknownList: '(a list you cannot see)',
      noLists: 'Your department has no active mail list.',
      unavailable: 'You may not read mail lists, so you cannot choose any. A saved choice is kept.',
      subject: 'Mail subject',
      subjectHint: 'Blank: the same as the title.',
      subjectTooLong: 'The mail subject can be at most {{max}} characters.',
      preview: 'Mail text preview',
      previewNote:
        'Made from the Japanese messages: images and link cards become a line with their URL, Flex messages their alternative text. An unsubscribe link follows the text.',
      previewInvalid: 'The messages need fixing before a preview can be shown.',
      stickersOnly: 'The Japanese messages are stickers only and cannot go by mail. Add a text.',
      lineOnlyForm:
        'This form can be answered in LINE only, so it cannot go by mail. Let browsers answer it (audience: everyone) or remove the mail lists.',
    },
  },
};
