/**
 * The public pages of the mail lists (SEG-05), rendered on the server as small Japanese HTML
 * pages for a plain browser on a phone: no script, labelled controls, errors announced and tied
 * to their fields, large touch targets, visible focus. Everything staff or residents typed is
 * escaped.
 */

export interface PublicListView {
  id: string;
  name: string;
  description: string | null;
  departmentName: string;
}

export interface SignUpForm {
  email: string;
  listIds: readonly string[];
  errors: Readonly<Record<string, string>>;
}

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapeMap[c]!);
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;font-size:1.0625rem;line-height:1.75;color:#1a1a1a;background:#f6f6f3}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.375rem;line-height:1.4;margin:.5rem 0 1rem}
p{margin:0 0 1rem}
a{color:#0b57a4}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #c25400;outline-offset:2px}
.card{background:#fff;border:1px solid #d0d0c8;border-radius:.5rem;padding:1rem;margin:0 0 1.25rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:700;margin:0 0 .5rem;padding:0}
.choice{display:flex;gap:.75rem;align-items:flex-start;background:#fff;border:1px solid #d0d0c8;border-radius:.5rem;padding:.75rem;margin:0 0 .5rem}
.choice input{width:1.5rem;height:1.5rem;margin:.2rem 0 0;flex:none}
.choice label{flex:1;cursor:pointer}
.name{display:block;font-weight:700}
.desc,.dept{display:block;font-size:.9375rem;color:#444}
.field{margin:0 0 1.25rem}
.field label{display:block;font-weight:700;margin:0 0 .25rem}
input[type=email]{width:100%;font-size:1.0625rem;padding:.75rem;border:1px solid #767676;border-radius:.375rem;background:#fff}
input[aria-invalid=true]{border:2px solid #b00020}
.hint{font-size:.9375rem;color:#444;margin:.25rem 0 0}
.error{color:#b00020;font-weight:700;margin:.25rem 0 0}
.alert{border:2px solid #b00020;background:#fff5f5;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1.25rem}
.alert ul{margin:.25rem 0 0;padding-left:1.25rem}
button{display:block;width:100%;min-height:3rem;font-size:1.0625rem;font-weight:700;color:#fff;background:#0b57a4;border:0;border-radius:.5rem;padding:.75rem 1rem;cursor:pointer}
ul.lists{margin:0 0 1rem;padding-left:1.25rem}
.note{font-size:.9375rem;color:#444}
`;

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

const listNames = (names: readonly string[]) =>
  names.length ? `<ul class="lists">${names.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';

const signUpLink = '<p><a href="/mail-lists">メール配信の登録ページへ</a></p>';

/** The sign-up form, with the resident's input and the problems when it was refused. */
export function signUpPage(lists: readonly PublicListView[], form: SignUpForm = { email: '', listIds: [], errors: {} }): string {
  if (!lists.length) {
    return layout('メール配信の登録', '<p>現在、登録できるメール配信はありません。</p>');
  }
  const errors = Object.entries(form.errors);
  const chosen = new Set(form.listIds);
  const emailError = form.errors['email'];
  const listsError = form.errors['lists'];
  const summary = errors.length
    ? `<div class="alert" role="alert"><p><strong>入力内容を確認してください。</strong></p><ul>${errors
        .map(
          ([field, message]) =>
            `<li><a href="#${field === 'email' ? 'email' : `list-${escapeHtml(lists[0]!.id)}`}">${escapeHtml(message)}</a></li>`,
        )
        .join('')}</ul></div>`
    : '';
  const choices = lists
    .map(
      (l) => `<div class="choice">
<input type="checkbox" id="list-${escapeHtml(l.id)}" name="lists" value="${escapeHtml(l.id)}"${chosen.has(l.id) ? ' checked' : ''}>
<label for="list-${escapeHtml(l.id)}"><span class="name">${escapeHtml(l.name)}</span>${
        l.description ? `<span class="desc">${escapeHtml(l.description)}</span>` : ''
      }<span class="dept">${escapeHtml(l.departmentName)}</span></label>
</div>`,
    )
    .join('\n');
  return layout(
    'メール配信の登録',
    `<p>LINEを使っていない方も、市からのお知らせをメールで受け取れます。受け取りたいメールを選び、メールアドレスを入力してください。登録を確定するためのメールをお送りします。</p>
${summary}
<form method="post" action="/mail-lists">
<fieldset${listsError ? ' aria-describedby="lists-error"' : ''}>
<legend>受け取るメール（いくつでも選べます）</legend>
${listsError ? `<p class="error" id="lists-error">${escapeHtml(listsError)}</p>` : ''}
${choices}
</fieldset>
<div class="field">
<label for="email">メールアドレス</label>
<input type="email" id="email" name="email" inputmode="email" autocomplete="email" autocapitalize="off" spellcheck="false" maxlength="254" required value="${escapeHtml(form.email)}" aria-describedby="email-hint${emailError ? ' email-error' : ''}"${emailError ? ' aria-invalid="true"' : ''}>
<p class="hint" id="email-hint">例: taro@example.jp</p>
${emailError ? `<p class="error" id="email-error">${escapeHtml(emailError)}</p>` : ''}
</div>
<button type="submit">確認のメールを送る</button>
</form>
<p class="note">入力されたメールアドレスは、このメール配信のためだけに使います。配信は、お届けするメールにあるリンクからいつでも停止できます。</p>`,
  );
}

/** After a sign-up: the same page whether or not the address was known. */
export function signUpSentPage(): string {
  return layout(
    '確認のメールをお送りしました',
    `<div class="card" role="status"><p>入力されたメールアドレスに、登録を確定するためのメールをお送りしました。メールにあるリンクを24時間以内に開き、「登録を確定する」を押してください。</p></div>
<p>数分たってもメールが届かないときは、迷惑メールのフォルダーに入っていないか、メールアドレスに誤りがないかをお確かめのうえ、しばらく時間をおいてからもう一度お申し込みください。</p>
${signUpLink}`,
  );
}

/** The confirmation link's page: one button, so a mail scanner that opens links confirms nothing. */
export function confirmPage(token: string, lists: readonly string[]): string {
  return layout(
    '登録の確定',
    `<p>次のメール配信の登録を確定します。</p>
${listNames(lists)}
<form method="post" action="/mail-lists/confirm?token=${escapeHtml(encodeURIComponent(token))}">
<button type="submit">登録を確定する</button>
</form>`,
  );
}

export function confirmedPage(lists: readonly string[]): string {
  return layout(
    '登録が完了しました',
    `<div class="card" role="status"><p>${lists.length ? '次のメール配信の登録が完了しました。' : 'メールアドレスの確認が完了しました。'}</p>${listNames(lists)}</div>
<p>配信の停止は、お届けするメールにあるリンクからいつでもできます。</p>`,
  );
}

export function alreadyConfirmedPage(lists: readonly string[]): string {
  return layout('この登録はすでに完了しています', `<p>このリンクによる登録は、すでに完了しています。</p>${listNames(lists)}`);
}

export function expiredPage(): string {
  return layout(
    'リンクの有効期限が切れています',
    `<p>登録を確定するためのリンクは、お申し込みから24時間で使えなくなります。お手数ですが、もう一度お申し込みください。</p>${signUpLink}`,
  );
}

export function invalidLinkPage(): string {
  return layout(
    'このリンクは無効です',
    `<p>リンクが正しくないか、すでに使えなくなっています。届いたメールのリンクをもう一度お確かめください。</p>${signUpLink}`,
  );
}

/** The unsubscribe link's page: one button (RFC 8058 clients POST to the same address directly). */
export function unsubscribePage(token: string, lists: readonly string[]): string {
  return layout(
    'メール配信の停止',
    `<p>${lists.length ? '次のメール配信をすべて停止します。' : 'メール配信をすべて停止します。'}</p>
${listNames(lists)}
<form method="post" action="/mail-lists/unsubscribe?token=${escapeHtml(encodeURIComponent(token))}">
<button type="submit">配信を停止する</button>
</form>`,
  );
}

export function unsubscribedPage(lists: readonly string[]): string {
  return layout(
    '配信を停止しました',
    `<div class="card" role="status"><p>${lists.length ? '次のメール配信を停止しました。' : 'メール配信を停止しました。'}今後、メールはお届けしません。</p>${listNames(lists)}</div>
<p>また受け取りたくなったときは、登録ページからもう一度お申し込みください。</p>${signUpLink}`,
  );
}

export function tooManyPage(): string {
  return layout(
    'しばらく時間をおいてください',
    `<p>短い時間に多くのお申し込みがありました。しばらく時間をおいてから、もう一度お試しください。</p>${signUpLink}`,
  );
}

export function unavailablePage(): string {
  return layout('ただいま手続きできません', '<p>しばらく時間をおいてから、もう一度お試しください。</p>');
}
