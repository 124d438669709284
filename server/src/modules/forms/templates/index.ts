import type { FormDefinition } from '../engine/index.js';
import { FormAccess, FormAnswerPolicy, FormKind } from '../forms.enums.js';
import { bulkyWaste } from './bulky-waste.js';
import { childcareRegistration } from './childcare-registration.js';
import { publicComment } from './public-comment.js';
import { satisfactionSurvey } from './satisfaction-survey.js';

/** A form a city starts from: its definition and the settings that suit it. */
export interface FormTemplateDefinition {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly kind: FormKind;
  readonly definition: FormDefinition;
  readonly answerPolicy: FormAnswerPolicy;
  readonly access: FormAccess;
  readonly askContactEmail: boolean;
  readonly thankYouMessage: string;
}

export const FORM_TEMPLATES: readonly FormTemplateDefinition[] = [
  {
    key: 'satisfaction-survey',
    title: '住民満足度アンケート',
    description: '公式LINEの満足度と改善点を定期的に尋ねるアンケートです。',
    kind: FormKind.SURVEY,
    definition: satisfactionSurvey,
    // Asked again each period: every round's answer stays in its own period (FORM-20's trend),
    // where OVERWRITE would move a resident's new opinion back to the date they first answered.
    answerPolicy: FormAnswerPolicy.REPEAT,
    access: FormAccess.LINE_REQUIRED,
    askContactEmail: false,
    thankYouMessage: 'ご回答ありがとうございました。いただいたご意見は今後の改善に活用します。',
  },
  {
    key: 'childcare-registration',
    title: '子育て情報の登録',
    description: 'お子さまの生年月日や関心を登録し、健診・予防接種などのお知らせを受け取るための登録フォームです。',
    kind: FormKind.REGISTRATION,
    definition: childcareRegistration,
    answerPolicy: FormAnswerPolicy.OVERWRITE,
    access: FormAccess.LINE_REQUIRED,
    askContactEmail: false,
    thankYouMessage: '登録しました。内容に合わせたお知らせをLINEでお届けします。',
  },
  {
    key: 'bulky-waste',
    title: '粗大ごみ収集の申込',
    description: '住所・品目・収集希望日を受け付ける電子申請です。郵便番号から住所を補完します。',
    kind: FormKind.APPLICATION,
    definition: bulkyWaste,
    answerPolicy: FormAnswerPolicy.REPEAT,
    access: FormAccess.BROWSER_ALLOWED,
    askContactEmail: true,
    thankYouMessage: 'お申し込みを受け付けました。収集日と手数料は、担当からあらためてお知らせします。',
  },
  {
    key: 'public-comment',
    title: 'パブリックコメント',
    description: '計画案などへの意見を、LINEとブラウザの両方から受け付けます。',
    kind: FormKind.PUBLIC_COMMENT,
    definition: publicComment,
    answerPolicy: FormAnswerPolicy.REPEAT,
    access: FormAccess.BROWSER_ALLOWED,
    askContactEmail: true,
    thankYouMessage: 'ご意見ありがとうございました。意見の概要と市の考え方は、募集期間の終了後に公表します。',
  },
];

export function formTemplate(key: string): FormTemplateDefinition | undefined {
  return FORM_TEMPLATES.find((t) => t.key === key);
}
