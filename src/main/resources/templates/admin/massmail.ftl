<#import "layout.ftl" as admin>
<@admin.page title=t["admin.mail.title"]>
<h1>${t["admin.mail.title"]}</h1>
<p>${t["admin.mail.intro"]}</p>
<#if error?has_content><p class="problem" role="alert" id="form-error" data-field="${errorField}">${error}</p></#if>
<form method="post" action="/admin/mail" enctype="multipart/form-data" id="mass-mail">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <input type="hidden" name="draftId" value="${draftId}">
  <fieldset>
    <legend>${t["admin.mail.courses"]}</legend>
    <#list languages as l>
      <p><label><input type="checkbox" name="language" value="${l.id?c}"> <strong>${l.name}</strong> ${t["admin.mail.whole-language"]}</label><br>
      <#list l.courses as c>
        <label><input type="checkbox" name="course" value="${c.id?c}"<#if selected?seq_contains(c.id)> checked</#if>> ${l.name} ${c.name} (${c.confirmed?c} / ${c.waiting?c})</label><br>
      </#list>
      </p>
    </#list>
  </fieldset>
  <fieldset>
    <legend>${t["admin.mail.states"]}</legend>
    <#list allStates as s>
      <label><input type="checkbox" name="state" value="${s}"<#if states?seq_contains(s)> checked</#if>> ${t["admin.mail.state." + s]}</label>
    </#list>
  </fieldset>
  <label for="senderName">${t["admin.mail.sender-name"]}</label>
  <input id="senderName" name="senderName" value="${senderName}" maxlength="120">
  <#if replyTo?has_content><p>${t["admin.mail.reply-to"]}: <span id="reply-to">${replyTo}</span></p></#if>
  <label for="cc">${t["admin.mail.cc"]}</label>
  <input id="cc" name="cc" value="${cc}">
  <label for="bcc">${t["admin.mail.bcc"]}</label>
  <input id="bcc" name="bcc" value="${bcc}">
  <label for="subject">${t["admin.mail.subject"]}</label>
  <input id="subject" name="subject" value="${subject}" maxlength="200" required>
  <label for="body">${t["admin.mail.body"]} (${t["admin.mail.body-max"]?replace("{0}", bodyMax?c)})</label>
  <textarea id="body" name="body" rows="16" maxlength="${bodyMax?c}" required>${body}</textarea>
  <#if files?size gt 0>
  <fieldset id="files">
    <legend>${t["admin.mail.files"]}</legend>
    <#list files as f>
      <label><input type="checkbox" name="removeFile" value="${f.position?c}"> ${t["admin.mail.remove-file"]}: <span class="file">${f.name}</span> (${f.size})</label><br>
    </#list>
  </fieldset>
  </#if>
  <label for="file">${t["admin.mail.add-files"]?replace("{0}", maxMb?c)}</label>
  <input id="file" name="file" type="file" multiple accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp">
  <p>
    <button type="submit" name="action" value="preview" id="save">${t["admin.mail.save-preview"]}</button>
    <button type="submit" name="action" value="test" id="test">${t["admin.mail.test"]}</button>
  </p>
</form>
<#if previewUrl?has_content>
<h2>${t["admin.mail.preview"]}</h2>
<p id="recipient-count">${t["admin.mail.recipients"]?replace("{0}", recipientCount?c)}</p>
<iframe src="${previewUrl}" title="${t["admin.mail.preview"]}" sandbox class="mail-preview" width="100%" height="400"></iframe>
<#if tested>
<form method="post" action="/admin/mail/${draftId}/send">
  <input type="hidden" name="X-XSRF-TOKEN" value="${csrf}">
  <p><button type="submit" id="send">${t["admin.mail.send-to"]?replace("{0}", recipientCount?c)}</button></p>
</form>
<#else>
<p id="test-first">${t["admin.mail.test-first"]}</p>
</#if>
</#if>
<#if recent?size gt 0>
<h2>${t["admin.mail.recent"]}</h2>
<ul id="recent">
<#list recent as r><li><a href="/admin/mail/${r.id?c}">${r.subject}</a> · ${r.createdAt} · ${r.createdBy}<#if r.queued> · ${r.recipients}</#if></li></#list>
</ul>
</#if>
</@admin.page>
