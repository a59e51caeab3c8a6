/**
 * Web pages: {@link dev.verity.parsers.web.HtmlReader} reads HTML with jsoup and keeps the article, not the site
 * around it (navigation, banners, footers, cookie notices, forms and scripts are removed before the text is read).
 * Its {@link dev.verity.parsers.web.HtmlReader#appendBody} also reads the HTML body of an e-mail.
 *
 * <p>Depends on {@code format} only. Trap: a page saved from a URL is detected by the file it was saved to, not by the
 * URL's path ({@code /guide} says nothing); the router takes care of that before this reader sees it.
 */
@NullMarked
package dev.verity.parsers.web;

import org.jspecify.annotations.NullMarked;
