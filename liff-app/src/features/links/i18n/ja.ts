/** The link page's texts (`t('links.…')`): Japanese is the source. */
export const linksJa = {
  opening: {
    title: 'ページを開いています',
    description: 'リンク先のページに移動しています。しばらくお待ちください。',
  },
  invalid: {
    title: 'このリンクは無効です',
    description: 'リンクが正しくないか、すでに使えなくなっています。お手数ですが、届いたメッセージのリンクをもう一度お確かめください。',
  },
};
