<#-- Pieces shared by the plain-text mails (.txt.ftl); they read the data model and lang. Each block
     macro ends with its own line break, so a call stands on a line of its own like the text around it. -->
<#macro hello>
<#if lang == "de">Hallo<#else>Dear</#if> ${firstName!""} ${lastName!""},
</#macro>
<#-- a course as „Name“ (Language), inside a sentence; c may lack either part -->
<#macro coursePhrase c><#local n = (c.name)!"" l = (c.language)!""><#if lang == "de">„${n}“<#else>“${n}”</#if><#if l?has_content> (${l})</#if></#macro>
<#macro stateLine>
<#local s = state!"">
<#if s == "confirmed">
<#if lang == "de">Sie haben einen festen Platz.<#else>You have a seat.</#if>
<#elseif s == "waiting">
<#if lang == "de">Sie stehen auf der Warteliste<#if position??>, Platz ${position}</#if>.<#else>You are on the waiting list<#if position??>, position ${position}</#if>.</#if>
<#elseif s == "pool">
<#if lang == "de">Ihre Anmeldung nimmt am Losverfahren teil; die Plätze werden nach Ende der Anmeldephase verlost.<#else>Your signup takes part in the lottery; seats are drawn by lot after the signup phase ends.</#if>
<#elseif s == "offered">
<#if lang == "de">Für Sie ist ein Platz reserviert; bitte nehmen Sie das Angebot <#if offerExpires??>bis ${offerExpires} </#if>an oder lehnen Sie es ab.<#else>A seat is reserved for you; please accept or decline the offer<#if offerExpires??> by ${offerExpires}</#if>.</#if>
</#if>
</#macro>
<#macro feeLine>
<#if fee??>
<#if lang == "de">Kursgebühr<#else>Course fee</#if>: ${fee}
</#if>
</#macro>
<#macro statusLink>
<#if statusUrl??>
<#if lang == "de">Ihren Anmeldestatus sehen Sie jederzeit hier:<#else>You can check the status of your signup at any time here:</#if>
${statusUrl}
</#if>
</#macro>
<#macro signoffLink>
<#if signoffUrl??>
<#if lang == "de">Falls Sie doch nicht teilnehmen können, melden Sie sich bitte<#if signOffUntilText??> bis ${signOffUntilText}</#if> ab, damit jemand von der Warteliste nachrücken kann:<#else>If you cannot attend after all, please sign off<#if signOffUntilText??> by ${signOffUntilText}</#if> so that someone from the waiting list can move up:</#if>
${signoffUrl}
</#if>
</#macro>
<#-- where and when the course meets, as far as known -->
<#macro courseFacts>
<#local c = course!{}>
<#if (c.schedule!"")?has_content><#if lang == "de">Termine<#else>Schedule</#if>: ${c.schedule}
</#if>
<#if (c.room!"")?has_content><#if lang == "de">Raum<#else>Room</#if>: ${c.room}
</#if>
<#if (c.teacher!"")?has_content><#if lang == "de">Lehrkraft<#else>Teacher</#if>: ${c.teacher}
</#if>
<#if firstMeeting??><#if lang == "de">Erster Termin<#else>First meeting</#if>: ${firstMeeting}
<#elseif courseStarts??><#if lang == "de">Kursbeginn<#else>Course starts</#if>: ${courseStarts}
</#if>
<#if calendarAttached??><#if lang == "de">Alle Kurstermine stehen in der angehängten Kalenderdatei (ICS).<#else>All course dates are in the attached calendar file (ICS).</#if>
</#if>
</#macro>
<#-- a seat's fee: the amount for this person, by when, and how -->
<#macro payment>
<#if (state!"confirmed") == "confirmed" && fee??>
<#if (feeCents!0) gt 0>
<#if lang == "de">Ihre Kursgebühr: ${fee}<#if payByText??>, bitte bezahlen bis ${payByText}</#if>.<#else>Your course fee: ${fee}<#if payByText??>, please pay by ${payByText}</#if>.</#if>
<#if paymentInstructions??>${paymentInstructions}
</#if>
<#else>
<#if lang == "de">Der Kurs ist für Sie kostenlos.<#else>The course is free of charge for you.</#if>
</#if>
</#if>
</#macro>
<#macro waitingPlace>
<#if position??>
<#if lang == "de">Ihr Platz auf der Warteliste: ${position}<#if waitingOf??> von ${waitingOf}</#if><#else>Your place on the waiting list: ${position}<#if waitingOf??> of ${waitingOf}</#if></#if>
</#if>
</#macro>
<#-- answerable mails name their contact; the others say not to reply -->
<#macro footer>
-- 
<#if (replyTo!"")?has_content><#if lang == "de">Fragen zum Kurs? Antworten Sie auf diese Nachricht oder schreiben Sie an ${replyTo}.<#else>Questions about the course? Reply to this message or write to ${replyTo}.</#if><#else><#if lang == "de">Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.<#else>This message was sent automatically by OpenSignup. Please do not reply to it.</#if></#if>
</#macro>
