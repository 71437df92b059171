<#-- waiting.offer (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Platz angeboten: ${(course.name)!""}</#assign>
<@t.hello/>

Im Kurs <@t.coursePhrase c=course!{}/> ist ein Platz frei geworden, und er ist für Sie reserviert.

<#if offerExpires??>Bitte nehmen Sie das Angebot bis ${offerExpires} an; sonst geht der Platz an die nächste Person auf der Warteliste.<#else>Bitte nehmen Sie das Angebot bald an; sonst geht der Platz an die nächste Person auf der Warteliste.</#if>

<@t.courseFacts/>

<@t.feeLine/>

<#if acceptUrl??>Platz annehmen: ${acceptUrl}
</#if>
<#if declineUrl??>Platz ablehnen: ${declineUrl}
</#if>

<@t.statusLink/>

<@t.footer/>
